/**
 * The built-in example place: the published segmentation table of one English place
 * (229,323 registered people, £197.9m), transcribed from "What is Population Health Management?"
 * (NHSE/I slides, March 2021, Age × Complexity table). Kept as CSV text so the engine, the
 * browser and the CLI parse it with the same code as an uploaded table.
 */
export const EXAMPLE_PLACE_CSV =
  `age_group,age_band,complexity,population,average_age,average_deprivation_decile,average_conditions,risk_score,lace_index,spend_total_gbp_m,spend_pppy_total,spend_pppy_acute_elective,spend_pppy_acute_non_elective,spend_pppy_mh_community,spend_pppy_social_care,spend_pppy_general_practice,inpatient_spells_pppy,ae_attendances_pppy,prev_asthma,prev_cancer,prev_copd,prev_chronic_renal_failure,prev_diabetes,prev_heart_failure,prev_hypertension,prev_infectious_disease,prev_depression,prev_dementia,prev_smi,prev_obesity,prev_smoking,prev_falls,prev_housebound,prev_social_vulnerability,prev_weight_loss_anorexia
paeds,0-17,low,49726,9,6.0,1.0,0.2,0.4,13.8,278,74,74,63,0,66,0.1,0.2,12.5,0.0,3.6,0.0,0.2,0.0,0.0,4.8,0.2,0.0,0.0,0.1,0.2,2.3,0.3,0.2,3.2
paeds,0-17,middle,2210,6,5.8,6.2,1.3,2.9,4.7,2149,592,894,425,0,238,0.9,0.8,12.2,1.0,3.3,0.2,1.2,0.5,0.6,41.5,1.1,0.0,0.3,0.6,0.8,5.2,0.5,0.4,8.2
paeds,0-17,high,124,4,5.5,12.4,3.7,5.8,1.1,8534,1699,4671,1666,0,497,3.4,1.6,10.5,3.2,4.0,0.0,4.8,2.4,2.4,73.4,2.4,0.0,0.8,3.2,0.8,4.8,2.4,0.8,15.3
adults,18-74,low,138611,42,6.1,1.4,0.6,0.6,59.1,427,130,106,40,33,117,0.1,0.1,12.5,1.6,3.6,0.0,2.7,0.8,6.6,1.1,5.7,0.0,0.5,1.2,10.3,2.3,0.7,0.3,1.8
adults,18-74,middle,24220,54,6.0,6.4,2.8,2.8,54.2,2238,798,552,221,253,415,0.7,0.5,12.5,8.6,3.7,0.8,18.1,9.2,37.7,5.1,22.4,0.3,1.7,11.3,18.1,8.9,4.7,1.8,7.2
adults,18-74,high,1710,60,5.3,12.6,7.5,7.6,14.9,8739,2255,3636,1181,886,782,2.3,1.7,13.0,15.7,3.4,8.2,41.5,32.6,66.7,17.9,38.5,1.9,4.0,31.5,22.6,24.7,17.8,5.3,17.3
elderly,75+,low,4670,81,6.6,2.5,2.0,3.9,7.7,1652,322,521,210,355,243,0.3,0.2,12.3,7.6,3.9,0.6,8.8,6.7,32.5,0.5,2.0,2.7,0.3,0.7,5.4,8.6,7.0,5.8,4.2
elderly,75+,middle,6736,82,6.4,7.0,4.4,5.9,27.4,4070,827,1371,632,747,494,0.9,0.5,12.0,17.6,3.4,5.0,22.0,25.4,67.5,4.2,7.4,6.2,0.7,4.3,7.6,21.5,18.6,11.1,9.5
elderly,75+,high,1316,83,6.1,12.9,8.8,10.0,14.9,11326,1458,5196,1934,1993,743,2.2,1.6,12.0,28.0,4.2,20.1,35.6,56.2,85.9,18.2,21.0,15.0,1.4,11.0,8.3,46.2,40.7,16.8,18.5`;

export const EXAMPLE_PLACE_NAME = "Example place";

/**
 * The example place's calibration files, in scenarios/ (as a study there names them): its
 * targets and the posterior every shipped study runs on (docs/model.md section 5).
 */
export const EXAMPLE_PLACE_CALIBRATION = {
  targets: "data/example-place-targets.json",
  posterior: "data/example-place-posterior.json",
} as const;
