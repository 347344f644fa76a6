/**
 * NUCC Health Care Provider Taxonomy codes: ten characters, three digits, six letters or digits
 * and a final X. The names below cover the specialties a practice is most likely to list; a
 * well-formed code outside this list is kept and shown as its code.
 */
export const TAXONOMY_PATTERN = /^\d{3}[0-9A-Z]{6}X$/;

export const taxonomyNames: Readonly<Record<string, string>> = {
  '207Q00000X': 'Family Medicine',
  '207QG0300X': 'Geriatric Medicine (Family Medicine)',
  '207QS0010X': 'Sports Medicine (Family Medicine)',
  '207R00000X': 'Internal Medicine',
  '207RC0000X': 'Cardiovascular Disease',
  '207RE0101X': 'Endocrinology, Diabetes & Metabolism',
  '207RG0100X': 'Gastroenterology',
  '207RP1001X': 'Pulmonary Disease',
  '208000000X': 'Pediatrics',
  '207V00000X': 'Obstetrics & Gynecology',
  '207N00000X': 'Dermatology',
  '207X00000X': 'Orthopaedic Surgery',
  '207P00000X': 'Emergency Medicine',
  '207L00000X': 'Anesthesiology',
  '207W00000X': 'Ophthalmology',
  '207Y00000X': 'Otolaryngology',
  '208600000X': 'Surgery',
  '208800000X': 'Urology',
  '208D00000X': 'General Practice',
  '2084P0800X': 'Psychiatry',
  '2084N0400X': 'Neurology',
  '2085R0202X': 'Diagnostic Radiology',
  '363L00000X': 'Nurse Practitioner',
  '363LF0000X': 'Nurse Practitioner, Family',
  '363A00000X': 'Physician Assistant',
  '363AM0700X': 'Physician Assistant, Medical',
  '122300000X': 'Dentist',
  '1223G0001X': 'Dentist, General Practice',
  '103T00000X': 'Psychologist',
  '1041C0700X': 'Social Worker, Clinical',
  '225100000X': 'Physical Therapist',
  '152W00000X': 'Optometrist',
  '133V00000X': 'Dietitian, Registered',
  '111N00000X': 'Chiropractor',
};

export function taxonomyName(code: string): string {
  return taxonomyNames[code] ?? code;
}
