#!/usr/bin/env python3
# Copied from the project's shared benchmark material (numpy comparator for issue 5): the
# vectorised numpy stochastic cohort model of the reference study. Not project code: it is the
# yardstick bench/main.ts runs in the same session to report an honest speed ratio.
"""Comparator: a vectorised numpy stochastic cohort model of the
reference study (9 age x complexity segments from the published 229,323-person
table, x 5 deprivation quintiles = 45 states; yearly deaths, complexity moves,
ageing, births; Poisson activity; baseline + 3 intervention scenarios with
common random parameter draws). Used to measure the project's engine speed as
a ratio on the same amount of work. Prints iterations/s and variates/s.
usage: numpy_reference.py [iterations] [years] [seed]"""
import sys, time
import numpy as np

iters = int(sys.argv[1]) if len(sys.argv) > 1 else 10000
years = int(sys.argv[2]) if len(sys.argv) > 2 else 10
seed = int(sys.argv[3]) if len(sys.argv) > 3 else 42

pop9 = np.array([49726, 2210, 124, 138611, 24220, 1710, 4670, 6736, 1316], float)
ip9 = np.array([0.1, 0.9, 3.4, 0.1, 0.7, 2.3, 0.3, 0.9, 2.2])
ae9 = np.array([0.2, 0.8, 1.6, 0.1, 0.5, 1.7, 0.2, 0.5, 1.6])
gp_cost9 = np.array([66, 238, 497, 117, 415, 782, 243, 494, 743], float)
nel_cost9 = np.array([74, 894, 4671, 106, 552, 3636, 521, 1371, 5196], float)
qshare = np.array([0.24, 0.22, 0.20, 0.18, 0.16])          # most -> least deprived
qgrad = np.array([1.5, 1.3, 1.15, 1.05, 1.0])               # activity gradient
n0 = np.rint(np.outer(pop9, qshare)).reshape(-1)            # 45 states, seg-major
seg = np.repeat(np.arange(9), 5); q = np.tile(np.arange(5), 9)
age = seg // 3; cx = seg % 3
mort_age = np.array([0.0003, 0.004, 0.07]); mort_hr = np.array([1.0, 2.0, 3.5])
mort = mort_age[age] * mort_hr[cx]
up = np.array([[0.01, 0.02, 0], [0.05, 0.04, 0], [0.15, 0.10, 0]])[age, cx] * (1 + 0.1 * (4 - q))
down = np.array([[0, 0.05, 0.15], [0, 0.02, 0.10], [0, 0.03, 0.10]])[age, cx]
ageout = np.array([1 / 18, 1 / 57, 0])[age]
ip = ip9[seg] * qgrad[q]; ae = ae9[seg] * qgrad[q]
unit_nel = (nel_cost9 / np.maximum(ip9, 1e-9))[seg]
births = 2600.0

rng = np.random.default_rng(seed)
t0 = time.perf_counter()
variates = 0
# parameter draws shared across scenarios (common random numbers)
rr = rng.lognormal(np.log(0.8), 0.1, size=(3, iters))
results = np.zeros((4, iters, years))
for s in range(4):
    n = np.tile(n0, (iters, 1))
    eff_up = np.ones((iters, 45))
    if s > 0:  # scenario s slows progression in elderly middle (s=1), adults middle (2), all middle (3)
        tgt = (cx == 1) & ((age == 2) if s == 1 else (age == 1) if s == 2 else (age >= 0))
        eff_up[:, tgt] = rr[s - 1][:, None]
    for y in range(years):
        d = rng.binomial(n.astype(np.int64), mort); n = n - d
        u = rng.binomial(n.astype(np.int64), np.minimum(up * eff_up, 1.0))
        dn = rng.binomial((n - u).astype(np.int64), np.minimum(down / np.maximum(1 - up * eff_up, 1e-12), 1.0))
        moved = n - u - dn
        nxt = moved.copy()
        idx_up = np.where(cx < 2)[0]; nxt[:, idx_up + 5] += u[:, idx_up]
        idx_dn = np.where(cx > 0)[0]; nxt[:, idx_dn - 5] += dn[:, idx_dn]
        a = rng.binomial(nxt.astype(np.int64), ageout)
        nxt = nxt - a
        idx_a = np.where(age < 2)[0]; nxt[:, idx_a + 15] += a[:, idx_a]
        b = rng.poisson(births * qshare, size=(iters, 5)); nxt[:, 0:5] += b
        n = nxt
        nel = rng.poisson(n * ip); aev = rng.poisson(n * ae)
        results[s, :, y] = (nel * unit_nel).sum(1) + (aev * 273).sum(1) + (n * gp_cost9[seg]).sum(1)
        variates += n.size * 6 + b.size
dt = time.perf_counter() - t0
print(f"iterations={iters} years={years} scenarios=4 seconds={dt:.3f} "
      f"iterations_per_s={4*iters/dt:.0f} variates_per_s={variates/dt:.3e}")
print("mean year-1 cost baseline £m", round(results[0, :, 0].mean() / 1e6, 2))
