/** Vocabulary for patient-relationship disclosure in replies (HIPAA.md §4.4). Lowercase, apostrophes straight. */

/** Nouns that, as "your …", speak of someone's care, billing or clinician. */
export const CARE_NOUNS_EN = [
  'visit', 'visits', 'appointment', 'appointments', 'appt', 'treatment', 'treatments', 'procedure', 'procedures',
  'surgery', 'surgeries', 'operation', 'cleaning', 'cleanings', 'crown', 'crowns', 'filling', 'fillings', 'implant',
  'implants', 'extraction', 'braces', 'aligners', 'dentures', 'denture', 'bridge', 'veneers', 'x-rays', 'x-ray', 'xrays',
  'exam', 'checkup', 'check-up', 'diagnosis', 'condition', 'medication', 'medications', 'meds', 'prescription',
  'prescriptions', 'dose', 'dosage', 'therapy', 'session', 'sessions', 'chart', 'records', 'record', 'file', 'results',
  'test', 'tests', 'labs', 'lab', 'biopsy', 'scan', 'mri', 'bloodwork', 'referral', 'recovery', 'symptoms', 'pain',
  'tooth', 'teeth', 'gums', 'stitches', 'injection', 'injections', 'consultation', 'consult', 'follow-up', 'followup',
  'bill', 'bills', 'billing', 'balance', 'invoice', 'statement', 'insurance', 'insurer', 'claim', 'copay', 'co-pay',
  'deductible', 'coverage', 'payment', 'payments', 'account', 'refund', 'charges', 'charge', 'estimate', 'dentist',
  'doctor', 'physician', 'provider', 'hygienist', 'surgeon', 'therapist', 'nurse', 'orthodontist', 'care', 'plan',
  'wait', 'child', "child's", 'son', "son's", 'daughter', "daughter's", 'root', 'canal', 'procedure', 'anesthesia',
  'sedation', 'prognosis', 'medical', 'dental', 'health', 'case', 'progress', 'healing', 'teeth', 'mouth', 'smile',
  'skin', 'cavity', 'cavities', 'infection', 'prescribed', 'surgical', 'rx', 'vaccine', 'vaccination', 'shot',
  'check-ups', 'checkups', 'intake', 'evaluation', 'assessment', 'screening', 'kids', 'children', 'family', 'stay',
  'sesión', 'terapia', 'tratamiento', 'cita', 'limpieza', 'physical', 'physicals', 'vaccines', 'shots',
];

/** "your care/health/smile" are common in generic replies; they only count with a specific noun nearby. */
export const GENERIC_CARE_NOUNS = new Set(['family', 'kids', 'children', 'care', 'health', 'smile', 'plan', 'case', 'account', 'progress', 'medical', 'dental', 'test', 'file', 'record']);

export const CARE_NOUNS_ES = [
  'cita', 'citas', 'visita', 'visitas', 'tratamiento', 'tratamientos', 'procedimiento', 'cirugía', 'cirugia', 'limpieza',
  'corona', 'empaste', 'implante', 'extracción', 'extraccion', 'frenos', 'radiografía', 'radiografías', 'radiografia',
  'examen', 'diagnóstico', 'diagnostico', 'condición', 'condicion', 'medicamento', 'medicamentos', 'receta', 'terapia',
  'sesión', 'sesion', 'expediente', 'historial', 'resultados', 'análisis', 'cuenta', 'factura', 'saldo', 'seguro',
  'aseguranza', 'pago', 'copago', 'deducible', 'dentista', 'doctor', 'doctora', 'médico', 'medico', 'médica', 'higienista',
  'muela', 'muelas', 'diente', 'dientes', 'dolor', 'consulta', 'hijo', 'hija', 'recuperación', 'salud', 'caso',
];

/** Specific clinical facts: saying any of them in a reply tells the world what happened to a patient. */
export const CLINICAL_TERMS = new Set([
  'root', 'extraction', 'extracted', 'crown', 'filling', 'implant', 'cavity', 'cavities', 'gingivitis', 'periodontitis',
  'abscess', 'infection', 'infected', 'fracture', 'fractured', 'diabetes', 'diabetic', 'hypertension', 'depression',
  'depressed', 'anxiety', 'adhd', 'bipolar', 'schizophrenia', 'ptsd', 'hiv', 'aids', 'hepatitis', 'pregnancy',
  'pregnant', 'miscarriage', 'abortion', 'std', 'sti', 'cancer', 'tumor', 'chemo', 'chemotherapy', 'opioid', 'opioids',
  'oxycodone', 'xanax', 'adderall', 'suboxone', 'methadone', 'antibiotics', 'antibiotic', 'amoxicillin', 'rehab',
  'overdose', 'addiction', 'suicidal', 'suicide', 'dementia', 'autism', 'biopsy', 'x-rays', 'x-ray', 'xrays', 'sedation',
  'anesthesia', 'novocaine', 'lidocaine', 'referral', 'referred', 'endodontist', 'oral', 'surgeon', 'prescribed',
  'prescription', 'diagnosed', 'diagnosis', 'no-show', 'emergency', 'quadrant', 'molar', 'wisdom', 'dentures',
  'braces', 'invisalign', 'liposuction', 'botox', 'fillers', 'vasectomy', 'colonoscopy', 'mammogram', 'ultrasound',
  'mri', 'deductible', 'copay', 'co-pay', 'collections', 'balance', 'insurance', 'medicaid', 'medicare',
  'depresión', 'ansiedad', 'embarazo', 'embarazada', 'diabetes', 'infección', 'extracción', 'endodoncia', 'caries',
]);

/** Sensitive categories get a stronger message (mental health, substance use, HIV, reproductive health). */
export const SENSITIVE_TERMS = new Set([
  'depression', 'depressed', 'anxiety', 'adhd', 'bipolar', 'schizophrenia', 'ptsd', 'hiv', 'aids', 'hepatitis',
  'pregnancy', 'pregnant', 'miscarriage', 'abortion', 'std', 'sti', 'opioid', 'opioids', 'suboxone', 'methadone',
  'rehab', 'overdose', 'addiction', 'suicidal', 'suicide', 'depresión', 'ansiedad', 'embarazo', 'embarazada',
]);
