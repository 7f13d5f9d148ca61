#!/usr/bin/env python3
"""Generates the unrolled row blocks of src/main/java/io/github/simdconv/gemm/MicroKernel6x2v.java.

Usage: python3 src/tools/gen_microkernel.py > /tmp/blocks.txt, then paste each block between the
matching markers of the kernel (accumulators, FMAs, loadC, bias, relu, store, tile store). The
kernel keeps one row per line group so a change to one row is visibly a change to all six.
"""
ROWS = 6


def block(name, fmt):
    print(f"// ---- {name} ----")
    for r in range(ROWS):
        print(fmt.format(r=r))


block("accumulators", "        FloatVector c{r}0 = FloatVector.zero(S), c{r}1 = FloatVector.zero(S);")
block("fma", "            x = FloatVector.broadcast(S, a[ai + {r}]);\n            c{r}0 = x.fma(b0, c{r}0);\n            c{r}1 = x.fma(b1, c{r}1);")
block("loadC", "                c{r}0 = c{r}0.add(FloatVector.fromArray(S, c, co + {r} * ldc));\n                c{r}1 = c{r}1.add(FloatVector.fromArray(S, c, co + {r} * ldc + L));")
block("bias", "                x = FloatVector.broadcast(S, bias[biasOff + {r}]);\n                c{r}0 = c{r}0.add(x);\n                c{r}1 = c{r}1.add(x);")
block("relu", "                c{r}0 = c{r}0.blend(0f, c{r}0.lt(0f));\n                c{r}1 = c{r}1.blend(0f, c{r}1.lt(0f));")
block("store", "            c{r}0.intoArray(c, co + {r} * ldc);\n            c{r}1.intoArray(c, co + {r} * ldc + L);")
block("tile store", "            c{r}0.intoArray(t, {r} * NR);\n            c{r}1.intoArray(t, {r} * NR + L);")
