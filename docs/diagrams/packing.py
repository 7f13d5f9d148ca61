#!/usr/bin/env python3
"""Prints the packing-order diagrams of docs/cpu-optimization.md from the layout formulas in
gemm.PackedA and gemm.Gemm.BSource, so the pictures cannot drift from the code's definition.

Run: python3 docs/diagrams/packing.py   (the output is pasted verbatim into the Markdown)

A toy size keeps the pictures readable: MR = 3 rows per A micro-panel, NR = 4 columns per
B micro-panel, KC = 4 (the library uses MR = 6, NR = 2 vectors = 32 floats on AVX-512 or 16 on
AVX2, KC = 256). Each cell shows the index of that matrix element in the packed array.
"""
MR, NR, KC = 3, 4, 4


def packed_a_index(i, p, m, k):
    """PackedA javadoc: element (i, k0 + p') of panel ip = i / MR sits at
    k0 * panels * MR + ip * MR * kc + p' * MR + i % MR."""
    panels = (m + MR - 1) // MR
    k0 = p // KC * KC
    kc = min(KC, k - k0)
    return k0 * panels * MR + (i // MR) * MR * kc + (p - k0) * MR + i % MR


def packed_b_index(p, j, kc):
    """Gemm.BSource javadoc: element (k0 + p, j0 + j) at (j / NR) * kc * NR + p * NR + j % NR."""
    return (j // NR) * kc * NR + p * NR + j % NR


def grid(title, rows, cols, f, rsep, csep):
    print(title)
    for r in range(rows):
        if r and r % rsep == 0:
            print("    " + "-" * (cols * 4 + (cols - 1) // csep * 2))
        cells = []
        for c in range(cols):
            if c and c % csep == 0:
                cells.append("|")
            cells.append(f"{f(r, c):3d}")
        print("    " + " ".join(cells))
    print()


if __name__ == "__main__":
    m, k = 6, 8
    grid(f"A ({m} x {k}), packed: MR = {MR}-row micro-panels, column by column, in KC = {KC} blocks",
         m, k, lambda i, p: packed_a_index(i, p, m, k), MR, KC)
    kc, n = 4, 8
    grid(f"B block ({kc} x {n}), packed: kc x NR = {kc} x {NR} micro-panels, row by row",
         kc, n, lambda p, j: packed_b_index(p, j, kc), kc, NR)
