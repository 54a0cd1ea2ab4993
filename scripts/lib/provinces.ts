// Province-level parameters of the demonstration model. Development index 0..1 roughly follows
// 2020 GDP per capita rank (国家统计局); reform year is when the province cut community task lists
// (Chongqing and Beijing early per seeds 000 and 004; others spread 2020–2023 deterministically).
export const provinceDev: Record<string, number> = {
  '11': 1.0,
  '12': 0.75,
  '13': 0.35,
  '14': 0.35,
  '15': 0.55,
  '21': 0.45,
  '22': 0.35,
  '23': 0.25,
  '31': 1.0,
  '32': 0.9,
  '33': 0.85,
  '34': 0.45,
  '35': 0.8,
  '36': 0.4,
  '37': 0.6,
  '41': 0.4,
  '42': 0.6,
  '43': 0.45,
  '44': 0.8,
  '45': 0.2,
  '46': 0.4,
  '50': 0.6,
  '51': 0.45,
  '52': 0.2,
  '53': 0.25,
  '54': 0.2,
  '61': 0.55,
  '62': 0.0,
  '63': 0.3,
  '64': 0.35,
  '65': 0.35
};

export const reformYear: Record<string, number> = { '50': 2020, '11': 2020, '31': 2021, '32': 2021, '33': 2021 };
