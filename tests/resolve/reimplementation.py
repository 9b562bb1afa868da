#!/usr/bin/env python3
"""An independent implementation of Careshift's deterministic run, from `sim resolve` alone.

Reads the JSON that `deno task sim resolve STUDY` prints (a file path, or standard input) and
runs every scenario with each count at its expectation, following the rules the JSON states
(its "rules" section) and nothing else: it imports nothing from the project and shares no code
with the engine. Prints, per scenario, the series the engine's record holds, by year:
population, deaths, entrants, migration, activity and cost by sector, population by quintile and
by complexity level, activity and service cost by quintile, flows between levels, life-years and
QALYs (overall and by quintile), and each intervention's caseload and cost. tests/resolve/reproduce.test.ts compares them with the
engine's deterministic run. The interventions' gains (effect modifiers, amenable shares, a given
share) are worked out here from each effect's values and checked against the gains the document
lists, so the document states the rule and the engine follows it; so is each state's utility, from
the norms, multipliers, age profile and deprivation ratio (rules.utility).

Python standard library only.
"""
import json
import sys


def year_status(iv, year):
    """(active, reach, retained) of an intervention in a year, by the resolve rules."""
    start = iv["startYear"]
    duration = iv["durationYears"]
    end = float("inf") if duration is None else start + duration
    if year < start:
        return False, 0.0, 0.0
    if year < end:
        k = year - start + 1
        ramp = iv["rampUpYears"]
        reach = min(1.0, k / ramp) if ramp > 0 else 1.0
        return True, reach, 1.0
    return False, 0.0, (1.0 - iv["decayPerYear"]) ** (year - end + 1)


def enrol(iv, counts, reach, nstates):
    """Shares enrolled by state and the caseload, by the enrolment rule."""
    share = [0.0] * nstates
    order = iv["order"]
    uptake = iv["uptakeByState"]
    demand = 0.0
    for s in order:
        demand += counts[s] * uptake[s] * reach
    cap = iv["capacity"]
    if cap is None or demand <= cap:
        for s in order:
            share[s] = uptake[s] * reach
        return share, demand
    if iv["targeting"] == "proportional":
        scale = cap / demand
        for s in order:
            share[s] = uptake[s] * reach * scale
        return share, cap
    left = cap
    for s in order:
        if left <= 0:
            break
        want = counts[s] * uptake[s] * reach
        take = min(want, left)
        share[s] = take / counts[s] if counts[s] > 0 else 0.0
        left -= take
    return share, cap - left


def amenable_shares(model, lvl):
    """Each state's amenable share of non-elective admissions (rules.effects), or None."""
    spec = model["amenableShare"]
    if spec is None:
        return None
    states = model["states"]
    levels = model["complexityLevels"]
    C = len(levels)
    ratio = [spec["complexityRatio"].get(name, 1.0) for name in levels]
    weight = {}
    for s, st in enumerate(states):
        key = (st["ageBand"], lvl[s])
        weight[key] = weight.get(key, 0.0) + st["initial"] * st["activityPerPersonYear"]["nonElective"]
    out = []
    for s, st in enumerate(states):
        band = st["ageBand"]
        weighted = sum(weight.get((band, c), 0.0) * ratio[c] for c in range(C))
        total = sum(weight.get((band, c), 0.0) for c in range(C))
        mean = weighted / total if total > 0 and weighted > 0 else 1.0
        a = spec["nonElective"][band] * ratio[lvl[s]] / mean
        out.append(min(1.0, max(0.0, a)))
        if abs(out[s] - spec["perState"][s]) > 1e-12:
            raise SystemExit(f"state {s}: amenable share {out[s]} != {spec['perState'][s]}")
    return out


def utilities(model, lvl, quint):
    """Each state's utility by rules.utility, checked against the utility the document lists."""
    states = model["states"]
    params = model["parameters"]
    levels = model["complexityLevels"]
    C = len(levels)

    def value(key, default):
        return params[key]["value"] if key in params else default

    mult = [value("utility.multiplier." + name, 1.0) for name in levels]
    ratio = value("utility.deprivationRatio", 1.0)
    grad = [ratio ** ((4 - q) / 4) for q in range(5)]
    w = {}
    wq = {}
    for s, st in enumerate(states):
        g = st["ageGroup"]
        w[(g, lvl[s])] = w.get((g, lvl[s]), 0.0) + st["initial"]
        wq[(g, lvl[s], quint[s])] = wq.get((g, lvl[s], quint[s]), 0.0) + st["initial"]
    out = []
    for s, st in enumerate(states):
        g = st["ageGroup"]
        total = sum(w.get((g, c), 0.0) for c in range(C))
        mbar = (sum(w.get((g, c), 0.0) * mult[c] for c in range(C)) / total if total > 0
                else sum(mult) / C)
        tq = sum(wq.get((g, lvl[s], q), 0.0) for q in range(5))
        gbar = (sum(wq.get((g, lvl[s], q), 0.0) * grad[q] for q in range(5)) / tq if tq > 0
                else sum(grad) / 5)
        u = (params["utility.norm." + st["ageBand"]]["value"] * st["utilityProfile"]
             * mult[lvl[s]] / mbar * grad[quint[s]] / gbar)
        u = min(1.0, u)
        if abs(u - st["utility"]) > 1e-12:
            raise SystemExit(f"state {s}: utility {u} != {st['utility']}")
        out.append(u)
    return out


def gain(effect, st, s, amenable):
    """g = a × (1 − rr × k) of one effect in state s (rules.effects); 0 without an effect."""
    if effect is None:
        return 0.0
    k = 1.0
    mods = effect["modifiers"]
    for group, name in (("ageBand", st["ageBand"]), ("complexity", st["complexity"]),
                        ("quintile", str(st["quintile"]))):
        if name in mods[group]:
            k *= mods[group][name]
    if effect["appliesTo"] == "amenable":
        if amenable is None:
            raise SystemExit("an effect on amenable activity but no amenable shares")
        a = amenable[s]
    elif effect["appliesTo"] == "share":
        a = min(max(effect["share"], 0.0), 1.0)
    else:
        a = 1.0
    return a * (1 - effect["rr"] * k)


def gains(iv, states, levels, targets, amenable):
    """Per-state gains of an intervention's effects, worked out from its effects; checked
    against the gains the document lists (the engine's) to 1e-12."""
    S = len(states)
    C = len(levels)
    level_of = {name: c for c, name in enumerate(levels)}
    effects = iv["effects"]
    activity = [[0.0] * S for _ in targets]
    move = [[0.0] * C for _ in range(S)]
    death = [0.0] * S
    for j, s in enumerate(iv["eligibleStates"]):
        st = states[s]
        frm = level_of[st["complexity"]]
        for t, target in enumerate(targets):
            activity[t][s] = gain(effects["activity"][target], st, s, amenable)
            listed = iv["gains"]["activity"][target][j]
            if abs(activity[t][s] - listed) > 1e-12:
                raise SystemExit(f"{iv['id']}: state {s} {target} gain {activity[t][s]} != {listed}")
        for to in range(C):
            move[s][to] = gain(effects["moves"][frm][to], st, s, amenable) if to != frm else 0.0
            listed = iv["gains"]["moves"][j][to]
            if abs(move[s][to] - listed) > 1e-12:
                raise SystemExit(f"{iv['id']}: state {s} move gain {move[s][to]} != {listed}")
        death[s] = gain(effects["death"], st, s, amenable)
        if abs(death[s] - iv["gains"]["death"][j]) > 1e-12:
            raise SystemExit(f"{iv['id']}: state {s} death gain differs")
    return {"activityGain": activity, "moveGain": move, "deathGain": death}


def run(model):
    states = model["states"]
    S = len(states)
    levels = model["complexityLevels"]
    C = len(levels)
    level_of = {name: c for c, name in enumerate(levels)}
    activities = model["activities"]
    targets = model["effectTargets"]
    sectors = model["sectors"]
    sector_of = [sectors.index(model["activitySector"][a]) for a in activities]
    social_sector = sectors.index("socialCare")
    K = model["cyclesPerYear"]
    L = 1.0 / K
    years = model["horizonYears"] + 1
    level_stride = model["stateOrder"]["levelStride"]
    group_stride = model["stateOrder"]["ageGroupStride"]
    entrant_state = model["stateOrder"]["entrantState"]
    leaf_areas = model["leafAreas"]
    area_index = {a: i for i, a in enumerate(leaf_areas)}
    e_rate = model["entrants"]["perPersonYear"]
    e_shares = model["entrants"]["shares"]

    lvl = [level_of[st["complexity"]] for st in states]
    quint = [st["quintile"] - 1 for st in states]
    area = [area_index[st["area"]] for st in states]
    cell = [st["cell"] for st in states]
    death = [st["death"] for st in states]
    move = [[st["moves"].get(levels[to], 0.0) if to != lvl[s] else 0.0 for to in range(C)]
            for s, st in enumerate(states)]
    ageing = [st["ageing"] for st in states]
    mig = [st["migrationPerPerson"] for st in states]
    rate = [[st["activityPerPersonYear"][a] for st in states] for a in activities]
    ucost = [[st["unitCost"][a] for st in states] for a in activities]
    social = [st["socialCarePerPersonYear"] for st in states]
    cells = {}
    for s in range(S):
        cells.setdefault(cell[s], []).append(s)

    amenable = amenable_shares(model, lvl)
    utility = utilities(model, lvl, quint)
    ivs = {}
    for iv in model["interventions"]:
        by_state = [0.0] * S
        for s, u in zip(iv["eligibleStates"], iv["uptake"]):
            by_state[s] = u
        ivs[iv["id"]] = dict(iv, uptakeByState=by_state,
                             **gains(iv, states, levels, targets, amenable))

    out = {}
    for scenario in model["scenarios"]:
        chosen = [ivs[i] for i in scenario["interventions"]]
        n_iv = len(chosen)
        series = {
            "population": [0.0] * years, "deaths": [0.0] * years, "entrants": [0.0] * years,
            "migration": [0.0] * years,
            "activity": [[0.0] * len(activities) for _ in range(years)],
            "cost": [[0.0] * len(sectors) for _ in range(years)],
            "quintilePopulation": [[0.0] * 5 for _ in range(years)],
            "complexityPopulation": [[0.0] * C for _ in range(years)],
            "quintileActivity": [[[0.0] * 5 for _ in activities] for _ in range(years)],
            "quintileCost": [[0.0] * 5 for _ in range(years)],
            "flows": [[[0.0] * (C + 1) for _ in range(C)] for _ in range(years)],
            "lifeYears": [0.0] * years, "qalys": [0.0] * years,
            "quintileLifeYears": [[0.0] * 5 for _ in range(years)],
            "quintileQalys": [[0.0] * 5 for _ in range(years)],
            "participants": {iv["id"]: [0.0] * years for iv in chosen},
            "interventionCost": {iv["id"]: [0.0] * years for iv in chosen},
        }
        counts = [st["initial"] for st in states]
        last_share = [[0.0] * S for _ in range(n_iv)]
        for y in range(years):
            for s in range(S):
                n = counts[s]
                series["population"][y] += n
                series["quintilePopulation"][y][quint[s]] += n
                series["complexityPopulation"][y][lvl[s]] += n
            status = [year_status(iv, y) for iv in chosen]
            for _ in range(K):
                # 1. enrolment and multipliers
                amult = [[1.0] * S for _ in targets]
                mmult = [[1.0] * C for _ in range(S)]
                dmult = [1.0] * S
                ugain = [0.0] * S
                for i, iv in enumerate(chosen):
                    active, reach, retained = status[i]
                    if active:
                        share, caseload = enrol(iv, counts, reach, S)
                        last_share[i] = list(share)
                        series["participants"][iv["id"]][y] += caseload * L
                        series["interventionCost"][iv["id"]][y] += (
                            caseload * iv["costPerParticipant"] + iv["fixedCostPerYear"]) * L
                    elif retained > 0:
                        share = [x * retained for x in last_share[i]]
                    else:
                        continue
                    for s in range(S):
                        f = share[s]
                        if f == 0:
                            continue
                        for t in range(len(targets)):
                            amult[t][s] *= 1 - f * iv["activityGain"][t][s]
                        for to in range(C):
                            mmult[s][to] *= 1 - f * iv["moveGain"][s][to]
                        dmult[s] *= 1 - f * iv["deathGain"][s]
                        ugain[s] += f * iv["utilityGain"]
                # 2. activity and cost per cell
                for members in cells.values():
                    q = quint[members[0]]
                    service = 0.0
                    for a in range(len(activities)):
                        x = sum(counts[s] * rate[a][s] * L * amult[a][s] for s in members)
                        c = x * ucost[a][members[0]]
                        series["activity"][y][a] += x
                        series["quintileActivity"][y][a][q] += x
                        series["cost"][y][sector_of[a]] += c
                        service += c
                    sc = sum(counts[s] * social[s] * L * amult[len(activities)][s] for s in members)
                    series["cost"][y][social_sector] += sc
                    series["quintileCost"][y][q] += service + sc
                # 3. deaths and moves
                nxt = [0.0] * S
                for s in range(S):
                    n = counts[s]
                    if n == 0:
                        continue
                    p = [death[s] * dmult[s]] + [move[s][to] * mmult[s][to] for to in range(C)]
                    total = sum(p)
                    scale = 1.0 / total if total > 1 else 1.0
                    if K > 1 and total > 0:
                        scale = (1 - (1 - min(total, 1 - 1e-12)) ** L) / total
                    outcome = [n * x * scale for x in p]
                    stay = n - sum(outcome)
                    frm = lvl[s]
                    series["deaths"][y] += outcome[0]
                    series["flows"][y][frm][C] += outcome[0]
                    series["flows"][y][frm][frm] += stay
                    lived = (n - 0.5 * outcome[0]) * L
                    qalys = lived * min(1.0, utility[s] + ugain[s])
                    series["lifeYears"][y] += lived
                    series["qalys"][y] += qalys
                    series["quintileLifeYears"][y][quint[s]] += lived
                    series["quintileQalys"][y][quint[s]] += qalys
                    nxt[s] += stay
                    for to in range(C):
                        if to == frm:
                            continue
                        nxt[s + (to - frm) * level_stride] += outcome[to + 1]
                        series["flows"][y][frm][to] += outcome[to + 1]
                # 4–5. ageing and migration
                moved = [0.0] * S
                for s in range(S):
                    n = nxt[s]
                    aged = 0.0
                    if n > 0 and ageing[s] > 0:
                        aged = n * (ageing[s] if K == 1 else 1 - (1 - ageing[s]) ** L)
                    migrated = 0.0
                    if mig[s] > 0:
                        migrated = n * mig[s] * L
                    elif mig[s] < 0 and n - aged > 0:
                        migrated = -(n - aged) * min(1.0, -mig[s] * L)
                    if aged != 0:
                        moved[s] -= aged
                        moved[s + group_stride] += aged
                    moved[s] += migrated
                    series["migration"][y] += migrated
                # 6. new counts, then entrants from the areas' people at the start of the cycle
                area_people = [0.0] * len(leaf_areas)
                for s in range(S):
                    area_people[area[s]] += counts[s]
                counts = [nxt[s] + moved[s] for s in range(S)]
                for a in range(len(leaf_areas)):
                    total = area_people[a] * e_rate * L
                    series["entrants"][y] += total
                    for q in range(5):
                        counts[entrant_state[a] + q] += total * e_shares[a][q]
        out[scenario["name"]] = series
    return out


def main():
    text = open(sys.argv[1]).read() if len(sys.argv) > 1 else sys.stdin.read()
    model = json.loads(text)
    if model.get("format") != "careshift-resolved-1":
        raise SystemExit("not a careshift-resolved-1 document")
    json.dump(run(model), sys.stdout)


if __name__ == "__main__":
    main()
