/**
 * Terms of art, explained once: the glossary page, the tooltips on screen and the report's
 * glossary all read this table. Each entry has a short definition (the tooltip) and, where it
 * helps, more.
 */
export interface GlossaryEntry {
  /** Anchor: /glossary#<id>. */
  id: string;
  term: string;
  /** One or two sentences: the tooltip. */
  short: string;
  more?: string;
}

export interface GlossaryGroup {
  title: string;
  entries: GlossaryEntry[];
}

export const GLOSSARY: GlossaryGroup[] = [
  {
    title: "Money",
    entries: [
      {
        id: "net-cost",
        term: "Net cost",
        short:
          "The change in total cost (services plus the intervention) against the baseline, scenario − baseline. Positive: the scenario costs more; negative: it saves money.",
        more:
          "Summed over the horizon and discounted unless a table says otherwise. Its opposite, a saving, is never shown as a positive net cost.",
      },
      {
        id: "discounting",
        term: "Discounting",
        short:
          "Costs and QALYs in later years count for less, at the study's discount rate (3.5% a year by default, as HM Treasury's Green Book and NICE use).",
      },
      {
        id: "payback",
        term: "Payback year",
        short:
          "The first year from which the cumulative discounted net cost stays at or below £0 to the end of the horizon: the intervention has paid for itself by then.",
      },
      {
        id: "roi",
        term: "Return on investment (ROI)",
        short:
          "Net saving per £1 spent on the intervention: 0 means it pays for itself, −1 that it saves nothing, above 0 that it saves more than it costs.",
      },
      {
        id: "pppy",
        term: "PPPY",
        short: "Per person per year: spend or activity divided by the number of people, each year.",
      },
      {
        id: "who-pays",
        term: "Who pays and who saves",
        short:
          "The change in cost by sector (acute, mental health and community, social care, general practice) next to the intervention's own cost and its payer.",
      },
    ],
  },
  {
    title: "Inequality",
    entries: [
      {
        id: "quintile",
        term: "Q1 … Q5 (deprivation quintiles)",
        short:
          "Fifths of the population by the Index of Multiple Deprivation: Q1 is the most deprived fifth, Q5 the least deprived.",
      },
      {
        id: "imd",
        term: "IMD",
        short:
          "The English Index of Multiple Deprivation: a ranking of small areas by income, employment, health, education, crime, housing and environment. Deciles 1–2 form Q1.",
      },
      {
        id: "sii",
        term: "SII (slope index of inequality)",
        short:
          "The difference in a rate (admissions per 1,000) between the least and the most deprived ends of the population, from a line fitted across the quintiles. Negative: higher rates where people are more deprived.",
        more:
          "Computed as Public Health England's phe_sii does. Its change, scenario − baseline, is reported in admissions per 1,000.",
      },
      {
        id: "rii",
        term: "RII (relative index of inequality)",
        short:
          "The fitted rate at the least deprived end divided by the fitted rate at the most deprived end: 1 means no gradient.",
      },
      {
        id: "widens",
        term: "Widens / narrows",
        short:
          "Inequality widens when a scenario moves the SII further from 0 on the baseline's side (a steeper gradient), and narrows when it moves it towards 0.",
        more:
          "With the baseline's SII negative (more admissions where more deprived), a fall in the SII widens the gap and a rise narrows it. The probability is the share of simulation runs in which it does so.",
      },
      {
        id: "gap",
        term: "Gap Q1 − Q5",
        short: "The rate in the most deprived quintile minus the rate in the least deprived.",
      },
      {
        id: "core20",
        term: "Core20PLUS5",
        short:
          "NHS England's approach to reducing healthcare inequalities: the most deprived 20% (Core20), locally chosen groups (PLUS) and five clinical areas.",
      },
    ],
  },
  {
    title: "Targeting",
    entries: [
      {
        id: "capacity-to-benefit",
        term: "Capacity to benefit (impactability)",
        short:
          "How much a group could gain from an intervention: the share who engage × the avoidable cost per person per year. Not the same as predicted risk.",
        more:
          "People at the highest predicted risk are not always those who can benefit most (Steventon & Billings 2017); targeting on risk alone can widen inequalities (Lewis 2010).",
      },
      {
        id: "uptake",
        term: "Uptake",
        short: "The share of eligible people who enrol, by deprivation quintile.",
      },
      {
        id: "capacity",
        term: "Capacity",
        short:
          "The most people an intervention can hold at once; when more are eligible, a targeting rule chooses who is offered it.",
      },
      {
        id: "targeting",
        term: "Targeting rule",
        short:
          "Who gets a place when capacity binds: everyone alike, highest risk first, most deprived first, or highest capacity to benefit first.",
      },
      {
        id: "equity-efficiency",
        term: "Equity–efficiency plane",
        short:
          "Each targeting rule plotted by its net cost (left saves money) and its change in the SII, to show the trade-off between saving money and narrowing inequality.",
      },
      {
        id: "complexity",
        term: "Complexity level",
        short:
          "The segmentation's grouping of people by how many long-term conditions and how much care they have: low, middle and high.",
      },
    ],
  },
  {
    title: "Uncertainty",
    entries: [
      {
        id: "deterministic",
        term: "Deterministic (parameters at their means)",
        short:
          "One run with every parameter at its mean and every count at its expected value: quick, updated as you type, but with no intervals or probabilities.",
      },
      {
        id: "monte-carlo",
        term: "Monte Carlo",
        short:
          "Many runs (iterations), each drawing every uncertain parameter and every count afresh, so that results come with intervals and probabilities.",
      },
      {
        id: "uncertainty-mode",
        term: "Uncertainty: none, parameters, or parameters and counts",
        short:
          "None (deterministic): one run with every parameter at its mean and every count at its expectation. Parameters drawn, counts at their expectations: each iteration draws the uncertain inputs (effects, costs, uptake) but uses expected counts. Parameters and counts drawn: each iteration also draws how many people are admitted, move or die (chance).",
      },
      {
        id: "iteration",
        term: "Iteration (run)",
        short: "One simulated future. Results summarise all iterations of a Monte Carlo run.",
      },
      {
        id: "seed",
        term: "Seed",
        short:
          "The number that fixes the random draws: the same study, seed and number of iterations give the same results, bit for bit.",
      },
      {
        id: "interval",
        term: "Interval (e.g. 95% interval)",
        short:
          "The range within which the middle 95% (or the stated share) of iterations fall. For an input, the range the evidence gives.",
      },
      {
        id: "probability",
        term: "Probability (e.g. of saving money)",
        short:
          "The share of iterations in which it happens, e.g. the share in which net cost is below £0.",
      },
      {
        id: "relative-risk",
        term: "Relative risk (RR)",
        short:
          "A participant's rate with the intervention divided by the rate without it: 0.81 means 19% fewer admissions; 1 means no effect.",
      },
      {
        id: "lognormal",
        term: "Lognormal distribution",
        short:
          "A skewed distribution of positive values whose logarithm is normal; used for relative risks, fitted so that its median is the central value and its interval matches the evidence.",
      },
      {
        id: "beta",
        term: "Beta and gamma distributions",
        short:
          "Beta: for shares between 0 and 1 (uptake). Gamma: for positive amounts such as costs. Each is fitted to the central value and interval entered.",
      },
      {
        id: "common-random-numbers",
        term: "Common random numbers",
        short:
          "Every scenario of an iteration uses the same random draws, so differences between scenarios reflect the interventions, not chance; this is why two scenarios can be compared run by run.",
      },
      {
        id: "shapley",
        term: "Contribution by intervention (Shapley value)",
        short:
          "A combined scenario's change split fairly between its interventions: each one's average added effect over every order of adding them. The contributions add up to the total.",
      },
      {
        id: "histogram",
        term: "Histogram of runs",
        short:
          "How many iterations ended with each net cost: bars left of £0 are runs that saved money.",
      },
    ],
  },
  {
    title: "Health and value for money",
    entries: [
      {
        id: "qaly",
        term: "QALY (quality-adjusted life year)",
        short:
          "A year of life weighted by its quality of life (1 = full health, 0 = dead); the health gain is scenario − baseline, discounted.",
      },
      {
        id: "nmb",
        term: "NMB (net monetary benefit)",
        short:
          "Health gain valued at a threshold minus extra cost: threshold × ΔQALYs − Δcost. Positive: good value at that threshold.",
      },
      {
        id: "threshold",
        term: "Threshold (£20,000 and £30,000 per QALY)",
        short:
          "The value NICE places on a QALY when judging cost-effectiveness: a scenario is cost-effective at a threshold when its NMB is at least £0.",
      },
      {
        id: "icer",
        term: "ICER (incremental cost-effectiveness ratio)",
        short: "Extra cost per extra QALY: Δcost ÷ ΔQALYs, against the next best option.",
      },
      {
        id: "ceac",
        term: "CEAC (cost-effectiveness acceptability curve)",
        short:
          "For each threshold, the probability that each scenario is the best value (highest NMB).",
      },
      {
        id: "evpi",
        term: "EVPI (expected value of perfect information)",
        short:
          "How much it would be worth, at most, to remove all uncertainty before deciding: a ceiling on the value of more research.",
      },
    ],
  },
  {
    title: "Activity",
    entries: [
      {
        id: "non-elective",
        term: "Non-elective admission",
        short: "An unplanned (emergency) hospital admission.",
      },
      {
        id: "ae",
        term: "A&E attendance",
        short: "A visit to an accident and emergency department.",
      },
      {
        id: "logic-model",
        term: "Logic model",
        short:
          "A scenario's chain from problem to impact: the intervention, what it delivers (outputs), what changes for people (outcomes) and for the system (impact).",
      },
    ],
  },
];

const BY_ID = new Map(GLOSSARY.flatMap((g) => g.entries).map((e) => [e.id, e]));

/** One entry by id (a missing id is a programming error, caught by the tests). */
export function glossaryEntry(id: string): GlossaryEntry {
  const entry = BY_ID.get(id);
  if (!entry) throw new Error(`no glossary entry "${id}"`);
  return entry;
}
