#!/usr/bin/env python3
"""Generates src/main/java/io/github/simdconv/conv/DirectVectorKernel.java: the register tiles of
the direct convolution (pixels x vectors of output channels), unrolled by hand because C2 keeps
accumulators in registers only when they are separate locals.

Run: python3 src/tools/gen_direct_kernels.py > src/main/java/io/github/simdconv/conv/DirectVectorKernel.java
"""

WIDTHS = [12, 8, 6, 4, 1]
# stride 1 and 2 get their own copies with constant pixel offsets (C2 folds them into the
# address and merges the range checks); 0 = any stride, offsets p * sW
STRIDES = [(1, "u"), (2, "d"), (0, "v")]
TILES = [(px, nb, st) for st in STRIDES for nb in (2, 1) for px in WIDTHS]

def kernel(px, nb, st):
    stride, suffix = st
    n = f"k{px}x{nb}{suffix}"
    o = []
    o.append(f"    // {px} pixels x {nb} vector(s) of output channels: {px*nb} accumulators + {nb} weight vector(s) + 1 broadcast"
             + (f", stride {stride} (constant offsets)" if stride else ""))
    o.append(f"    private static void {n}(float[] src, int a0, int[] off, int sW, float[] w, int wOff, float[] bias,")
    o.append(f"            int bOff, boolean relu, float[] scratch, int so) {{")
    for v in range(nb):
        o.append(f"        FloatVector c0{v} = FloatVector.fromArray(SP, bias, bOff + {v} * L);")
    for p in range(1, px):
        for v in range(nb):
            o.append(f"        FloatVector c{p}{v} = c0{v};")
    o.append("        // one flat loop over (channel, tap): nested loops split the accumulators' live")
    o.append("        // ranges at every loop header and C2 spilled them to the stack")
    o.append("        for (int k = 0; k < off.length; k++) {")
    o.append("            int a = a0 + off[k];")
    for v in range(nb):
        o.append(f"            FloatVector w{v} = FloatVector.fromArray(SP, w, wOff + k * {nb} * L + {v} * L);")
    for p in range(px):
        if stride:
            idx = "a" if p == 0 else f"a + {p * stride}"
        else:
            idx = "a" if p == 0 else ("a + sW" if p == 1 else f"a + {p} * sW")
        o.append(f"            FloatVector b{p} = FloatVector.broadcast(SP, src[{idx}]);")
        for v in range(nb):
            o.append(f"            c{p}{v} = w{v}.fma(b{p}, c{p}{v});")
    o.append("        }")
    o.append("        if (relu) {")
    o.append("            FloatVector z = FloatVector.zero(SP);")
    for p in range(px):
        for v in range(nb):
            o.append(f"            c{p}{v} = c{p}{v}.blend(z, c{p}{v}.lt(0f));")
    o.append("        }")
    for p in range(px):
        for v in range(nb):
            o.append(f"        c{p}{v}.intoArray(scratch, so + {p * nb} * L + {v} * L);")
    o.append("    }")
    return "\n".join(o)


def pw(nv, masked=False):
    ch = 4
    name = f"pw4x{nv}v"
    o = []
    o.append(f"    // 4 output channels x {nv} vector(s) of pixels: {4*nv} accumulators + {nv} input vector(s) + 1 broadcast")
    o.append(f"    private static void {name}(float[] in, int a, int plane, int cg, float[] w, int wi, float[] bias, int bOff,")
    o.append(f"            int kValid, float[] out, int o, boolean relu) {{")
    for q in range(ch):
        o.append(f"        FloatVector c{q}0 = FloatVector.broadcast(SP, bias[bOff + {q}]);")
        for v in range(1, nv):
            o.append(f"        FloatVector c{q}{v} = c{q}0;")
    o.append("        for (int c = 0; c < cg; c++) {")
    o.append("            int ac = a + c * plane;")
    for v in range(nv):
        o.append(f"            FloatVector x{v} = FloatVector.fromArray(SP, in, ac + {v} * L);")
    for q in range(ch):
        o.append(f"            FloatVector b{q} = FloatVector.broadcast(SP, w[wi + {q}]);")
        for v in range(nv):
            o.append(f"            c{q}{v} = x{v}.fma(b{q}, c{q}{v});")
    o.append("            wi += 4;")
    o.append("        }")
    o.append("        if (relu) {")
    o.append("            FloatVector z = FloatVector.zero(SP);")
    for q in range(ch):
        for v in range(nv):
            o.append(f"            c{q}{v} = c{q}{v}.blend(z, c{q}{v}.lt(0f));")
    o.append("        }")
    for q in range(ch):
        ind = "        "
        if q > 0:
            o.append(f"        if (kValid > {q}) {{")
            ind = "            "
        for v in range(nv):
            o.append(f"{ind}c{q}{v}.intoArray(out, o + {q} * plane + {v} * L);")
        if q > 0:
            o.append("        }")
    o.append("    }")
    return "\n".join(o)

def pw_masked():
    o = []
    o.append("    // the pixel tail: 4 output channels x 1 masked vector of n < L pixels. The mask is built here,")
    o.append("    // not passed in: this method (331 bytecodes) is over C2's inlining size, and a VectorMask")
    o.append("    // argument to a call that is not inlined is boxed: 192 B per forward pass of a 6x6 1x1 layer")
    o.append("    // in the full test JVM (AllocationTest; -XX:CompileCommand=PrintInlining showed the call)")
    o.append("    private static void pw4x1m(float[] in, int a, int plane, int cg, float[] w, int wi, float[] bias, int bOff,")
    o.append("            int kValid, float[] out, int o, boolean relu, int n) {")
    o.append("        VectorMask<Float> m = SP.indexInRange(0, n);")
    for q in range(4):
        o.append(f"        FloatVector c{q} = FloatVector.broadcast(SP, bias[bOff + {q}]);")
    o.append("        for (int c = 0; c < cg; c++) {")
    o.append("            FloatVector x = FloatVector.fromArray(SP, in, a + c * plane, m);")
    for q in range(4):
        o.append(f"            c{q} = x.fma(FloatVector.broadcast(SP, w[wi + {q}]), c{q});")
    o.append("            wi += 4;")
    o.append("        }")
    o.append("        if (relu) {")
    o.append("            FloatVector z = FloatVector.zero(SP);")
    for q in range(4):
        o.append(f"            c{q} = c{q}.blend(z, c{q}.lt(0f));")
    o.append("        }")
    for q in range(4):
        if q == 0:
            o.append(f"        c0.intoArray(out, o, m);")
        else:
            o.append(f"        if (kValid > {q}) {{")
            o.append(f"            c{q}.intoArray(out, o + {q} * plane, m);")
            o.append("        }")
    o.append("    }")
    return "\n".join(o)


CLASS_HEAD = """// generated by src/tools/gen_direct_kernels.py, do not edit
package io.github.simdconv.conv;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector {@link DirectKernel}: register tiles of 12, 8, 6, 4 or 1 output pixels times one or two
 * vectors of output channels. Each (channel, tap) step loads one weight vector per channel block
 * and broadcasts one input value per pixel: the 12 x 2 tile does 24 FMAs per 2 loads + 12
 * broadcasts and holds 27 of the 32 AVX-512 registers. Every tile exists three times: for stride 1
 * and 2 with constant pixel offsets (C2 folds them into the addressing and merges the twelve
 * range checks into two) and for any stride. The (channel, tap) steps run as one flat loop over a
 * precomputed offset table: with the three nested loops (c, i, j) of the first version C2 kept
 * the accumulators of a 12 x 2 tile on the stack (a load and a store around most FMAs), which is
 * why that tile ran at half the speed of 6 x 2. Loaded only when {@code Simd.vectorEnabled()}.
 */
final class DirectVectorKernel extends DirectKernel {
    private static final VectorSpecies<Float> SP = FloatVector.SPECIES_PREFERRED;
    private static final int L = SP.length();

    @Override
    int lanes() {
        return L;
    }

    @Override
    int[] tileWidths() {
        // -Dsimdconv.direct.tiles=6:4:1 restricts the widths (for tuning on other machines)
        String tune = System.getProperty("simdconv.direct.tiles");
        if (tune == null) {
            // 12 x 2 needs 27 vector registers: with 16 (AVX2) stay at 6 x 2 (15 registers)
            return SP.length() >= 16 ? new int[] {12, 8, 6, 4, 1} : new int[] {6, 4, 1};
        }
        if (!tune.matches("((12|8|6|4):)*1")) {
            throw new IllegalArgumentException("simdconv.direct.tiles = " + tune
                    + ": must be tile widths from 12, 8, 6, 4 separated by ':' and ending in 1");
        }
        return java.util.Arrays.stream(tune.split(":")).mapToInt(Integer::parseInt).toArray();
    }

    @Override
    int pointwiseTile() {
        // 4 x 6 vectors = 24 accumulators needs 32 registers; 4 x 2 fits 16
        return (L >= 16 ? 6 : 2) * L;
    }

    @Override
    void pointwise(float[] in, int a, int plane, int cg, float[] w, int wi, float[] bias, int bOff, int kValid,
            float[] out, int o, int p0, int p1, boolean relu) {
        int tile = pointwiseTile();
        int p = p0;
        for (; p + tile <= p1; p += tile) {
            if (L >= 16) {
                pw4x6v(in, a + p, plane, cg, w, wi, bias, bOff, kValid, out, o + p, relu);
            } else {
                pw4x2v(in, a + p, plane, cg, w, wi, bias, bOff, kValid, out, o + p, relu);
            }
        }
        for (; p < p1; p += L) {
            if (p + L <= p1) {
                pw4x1v(in, a + p, plane, cg, w, wi, bias, bOff, kValid, out, o + p, relu);
            } else {
                pw4x1m(in, a + p, plane, cg, w, wi, bias, bOff, kValid, out, o + p, relu, p1 - p);
            }
        }
    }

    // gather maps for storeRow: lane i reads pixel i of a channel-minor row of one or two blocks
    private static final int[] PIXELS_1 = pixelMap(1);
    private static final int[] PIXELS_2 = pixelMap(2);

    private static int[] pixelMap(int nb) {
        int[] m = new int[L];
        for (int i = 0; i < L; i++) {
            m[i] = i * nb * L;
        }
        return m;
    }

    /**
     * The transpose back to NCHW, L pixels of one channel per gather and one contiguous store
     * (JMH, resnet_3x3_28 / dilated_3x3_d2_64, 1 thread: 1.26 / 1.68 ms against 1.47 / 2.15 ms with
     * the scalar loop in the same session; the transpose is one copy per output against
     * {@code 2 C R S} FLOPs, so it weighs most at 64 input channels).
     * A row narrower than L goes the scalar way; otherwise the last vector of a channel overlaps
     * the previous one instead of taking a mask (it stores the same values twice), so no access
     * is masked or reaches past the row.
     */
    @Override
    void storeRow(float[] scratch, int nbl, int kValid, int width, float[] out, int o, int plane) {
        if (width < L) {
            super.storeRow(scratch, nbl, kValid, width, out, o, plane);
            return;
        }
        int[] map = nbl == L ? PIXELS_1 : PIXELS_2;
        for (int k = 0; k < kValid; k++) {
            int d = o + k * plane;
            int x = 0;
            for (; x + L <= width; x += L) {
                FloatVector.fromArray(SP, scratch, k + x * nbl, map, 0).intoArray(out, d + x);
            }
            if (x < width) {
                x = width - L;
                FloatVector.fromArray(SP, scratch, k + x * nbl, map, 0).intoArray(out, d + x);
            }
        }
    }

    /**
     * The padding copy, vector by vector: a row narrower than L is one masked load and store (a
     * 7-wide row of resnet_3x3_7 was one System.arraycopy call per 28 bytes, 3584 calls per copy);
     * a wider row ends with a vector that overlaps the previous one instead of a mask. The
     * destination always has room (the padded buffer's slack), the source may end within a vector.
     */
    @Override
    void copyRows(float[] in, int i, int inPlane, int width, int rows, int planes, float[] dst, int d, int dstPlane,
            int dstRow) {
        if (width < L) {
            VectorMask<Float> m = SP.indexInRange(0, width);
            for (int q = 0; q < planes; q++) {
                int s = i + q * inPlane;
                int t = d + q * dstPlane;
                for (int y = 0; y < rows; y++) {
                    if (s + y * width + L <= in.length) {
                        FloatVector.fromArray(SP, in, s + y * width, m).intoArray(dst, t + y * dstRow, m);
                    } else {
                        // a masked load whose vector reaches past the array's end leaves the
                        // intrinsic (docs/cpu-optimization.md, section 7): the last rows by arraycopy
                        System.arraycopy(in, s + y * width, dst, t + y * dstRow, width);
                    }
                }
            }
            return;
        }
        for (int q = 0; q < planes; q++) {
            for (int y = 0; y < rows; y++) {
                int s = i + q * inPlane + y * width;
                int t = d + q * dstPlane + y * dstRow;
                int x = 0;
                for (; x + L <= width; x += L) {
                    FloatVector.fromArray(SP, in, s + x).intoArray(dst, t + x);
                }
                if (x < width) {
                    x = width - L;
                    FloatVector.fromArray(SP, in, s + x).intoArray(dst, t + x);
                }
            }
        }
    }

    @Override
    void row(float[] src, int a0, int[] off, int plane, int rowStep, int dW, int sW, int cg, int r, int s,
            float[] w, int wOff, int nb, float[] bias, int bOff, boolean relu, int[] tiles,
            float[] scratch) {
        int nbl = nb * L;
        int x = 0;
        for (int t : tiles) {
            int a = a0 + x * sW;
            int so = x * nbl;
DISPATCH
            x += t;
        }
    }
"""

def dispatch():
    o = []
    for k, (stride, suffix) in enumerate(STRIDES):
        if stride:
            o.append(("            if" if k == 0 else "            } else if") + f" (sW == {stride}) {{")
        else:
            o.append("            } else {")
        o.append("                switch (t * 2 + nb - 1) {")
        for nb in (2, 1):
            for px in WIDTHS:
                o.append(f"                    case {px * 2 + nb - 1} -> k{px}x{nb}{suffix}(src, a, off, sW, w, wOff, bias, bOff, relu, scratch, so);")
        o.append('                    default -> throw new IllegalStateException("no " + t + "-pixel tile");')
        o.append("                }")
    o.append("            }")
    return "\n".join(o)


print(CLASS_HEAD.replace("DISPATCH\n", dispatch() + "\n"))
print("\n\n".join(kernel(px, nb, u) for px, nb, u in TILES))
print()
print("\n\n".join([pw(6), pw(2), pw(1), pw_masked()]))
print("}")
