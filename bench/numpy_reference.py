#!/usr/bin/env python3
# Adapted from the project's shared benchmark material (numpy comparator for issue 5): the
# vectorised numpy stochastic cohort model of the reference study. Not project code: it is the
# yardstick bench/main.ts runs in the same session to report an honest speed ratio.
# Issue 12 gave the engine five-year age groups inside the age bands (300 states instead of 45),
# with deaths, moves and ageing drawn per age-group state and activity drawn per cell (area x
# band x level x quintile, 45 cells) as one Poisson of the summed mean. This comparator does the
# same work: per-state binomials on the 300 states and Poisson activity on the 45 cells, so the
# ratio to numpy still compares like for like.
"""Comparator: a vectorised numpy stochastic cohort model of the
reference study (9 age band x complexity segments from the published 229,323-person
table, each spread over its band's five-year age groups (4 + 12 + 4 = 20) and
5 deprivation quintiles = 300 states; yearly deaths, complexity moves and ageing
between age groups per state, births; Poisson activity per band x level x quintile
cell (45 cells); baseline + 3 intervention scenarios with common random parameter
draws). Used to measure the project's engine speed as a ratio on the same amount of
work. Prints iterations/s and variates/s. With "expected" as the fourth argument every count is
its expectation (n*p, the mean) while the parameters are still drawn per iteration: the work of
Careshift's "parameters" mode, vectorised over iterations.
usage: numpy_reference.py [iterations] [years] [seed] [counts|expected]"""
import sys, time
import numpy as np

iters = int(sys.argv[1]) if len(sys.argv) > 1 else 10000
years = int(sys.argv[2]) if len(sys.argv) > 2 else 10
seed = int(sys.argv[3]) if len(sys.argv) > 3 else 42
expected = len(sys.argv) > 4 and sys.argv[4] == "expected"

pop9 = np.array([49726, 2210, 124, 138611, 24220, 1710, 4670, 6736, 1316], float)
ip9 = np.array([0.1, 0.9, 3.4, 0.1, 0.7, 2.3, 0.3, 0.9, 2.2])
ae9 = np.array([0.2, 0.8, 1.6, 0.1, 0.5, 1.7, 0.2, 0.5, 1.6])
gp_cost9 = np.array([66, 238, 497, 117, 415, 782, 243, 494, 743], float)
nel_cost9 = np.array([74, 894, 4671, 106, 552, 3636, 521, 1371, 5196], float)
qshare = np.array([0.24, 0.22, 0.20, 0.18, 0.16])          # most -> least deprived
qgrad = np.array([1.5, 1.3, 1.15, 1.05, 1.0])               # activity gradient
# Age groups: 0-17 -> 4 groups, 18-74 -> 12, 75+ -> 4; each group's band, width and share of
# its band (England mid-2024, rounded), and a mortality gradient across the band's groups.
group_band = np.array([0] * 4 + [1] * 12 + [2] * 4)
group_width = np.array([5, 5, 5, 3, 2] + [5] * 11 + [5, 5, 5, 0], float)
group_share = np.array([0.26, 0.29, 0.29, 0.16,
                        0.03, 0.08, 0.09, 0.09, 0.09, 0.09, 0.09, 0.09, 0.09, 0.09, 0.09, 0.08,
                        0.44, 0.28, 0.18, 0.10])
group_mort = np.array([1.0, 0.3, 0.4, 0.8,
                       0.2, 0.2, 0.3, 0.4, 0.6, 0.9, 1.3, 2.0, 3.0, 4.6, 7.0, 11.0,
                       0.5, 0.8, 1.5, 3.0])
G, C, Q = 20, 3, 5
band_start = np.array([0, 4, 16])                            # first group of each band
S = G * C * Q                                                # 300 states, group-major
grp = np.repeat(np.arange(G), C * Q); cx = np.tile(np.repeat(np.arange(C), Q), G)
q = np.tile(np.arange(Q), G * C); age = group_band[grp]; seg = age * 3 + cx
n0 = np.rint(pop9[seg] * group_share[grp] * qshare[q])
mort_age = np.array([0.0003, 0.004, 0.07]); mort_hr = np.array([1.0, 2.0, 3.5])
mort = np.minimum(mort_age[age] * group_mort[grp] / 3 * mort_hr[cx], 0.9)
up = np.array([[0.01, 0.02, 0], [0.05, 0.04, 0], [0.15, 0.10, 0]])[age, cx] * (1 + 0.1 * (4 - q))
down = np.array([[0, 0.05, 0.15], [0, 0.02, 0.10], [0, 0.03, 0.10]])[age, cx]
ageout = np.where(group_width[grp] > 0, 1 / np.maximum(group_width[grp], 1), 0.0)
# Activity per cell (band x level x quintile): rates and unit costs of its segment.
cell_seg = np.repeat(np.arange(9), Q); cell_q = np.tile(np.arange(Q), 9)
ip = ip9[cell_seg] * qgrad[cell_q]; ae = ae9[cell_seg] * qgrad[cell_q]
unit_nel = (nel_cost9 / np.maximum(ip9, 1e-9))[cell_seg]
births = 2600.0

rng = np.random.default_rng(seed)
if expected:
    # Counts at their expectations; the parameter draws (rr below) stay random.
    class Expected:
        def binomial(self, n, p): return n * p
        def poisson(self, lam, size=None): return np.broadcast_to(lam, size).astype(float) if size else lam
        def lognormal(self, *a, **k): return rng.lognormal(*a, **k)
    counts = Expected()
else:
    counts = rng
t0 = time.perf_counter()
variates = 0
# parameter draws shared across scenarios (common random numbers)
rr = rng.lognormal(np.log(0.8), 0.1, size=(3, iters))
results = np.zeros((4, iters, years))
idx_up = np.where(cx < C - 1)[0]; idx_dn = np.where(cx > 0)[0]
idx_a = np.where(ageout > 0)[0]
for s in range(4):
    n = np.tile(n0, (iters, 1))
    eff_up = np.ones((iters, S))
    if s > 0:  # scenario s slows progression in elderly middle (s=1), adults middle (2), all middle (3)
        tgt = (cx == 1) & ((age == 2) if s == 1 else (age == 1) if s == 2 else (age >= 0))
        eff_up[:, tgt] = rr[s - 1][:, None]
    for y in range(years):
        d = counts.binomial(n if expected else n.astype(np.int64), mort); n = n - d
        u = counts.binomial(n if expected else n.astype(np.int64), np.minimum(up * eff_up, 1.0))
        dn = counts.binomial((n - u) if expected else (n - u).astype(np.int64), np.minimum(down / np.maximum(1 - up * eff_up, 1e-12), 1.0))
        moved = n - u - dn
        nxt = moved.copy()
        nxt[:, idx_up + Q] += u[:, idx_up]
        nxt[:, idx_dn - Q] += dn[:, idx_dn]
        a = counts.binomial(nxt if expected else nxt.astype(np.int64), ageout)
        nxt = nxt - a
        nxt[:, idx_a + C * Q] += a[:, idx_a]
        b = counts.poisson(births * qshare, size=(iters, 5)); nxt[:, 0:5] += b
        n = nxt
        # Cells: the sum over each band's age groups, then one Poisson per cell and activity.
        cells = np.add.reduceat(n.reshape(iters, G, C * Q), band_start, axis=1).reshape(iters, -1)
        nel = counts.poisson(cells * ip); aev = counts.poisson(cells * ae)
        results[s, :, y] = (nel * unit_nel).sum(1) + (aev * 273).sum(1) + (cells * gp_cost9[cell_seg]).sum(1)
        variates += n.size * 4 + cells.size * 2 + b.size
dt = time.perf_counter() - t0
print(f"mode={'expected' if expected else 'counts'} iterations={iters} years={years} scenarios=4 states={S} cells={cells.shape[1]} "
      f"seconds={dt:.3f} iterations_per_s={4*iters/dt:.0f} variates_per_s={variates/dt:.3e}")
print("mean year-1 cost baseline £m", round(results[0, :, 0].mean() / 1e6, 2))
