/** What each kind of practice talks about: procedures, conditions, events and health facts with no person in them. */
export interface Specialty {
  id: string;
  credentials: string[];
  staffRoles: string[];
  procedures: string[];
  proceduresEs: string[];
  conditions: string[];
  facts: string[];
  factsEs: string[];
  events: string[];
}

export const SPECIALTIES: Specialty[] = [
  {
    id: 'dental',
    credentials: ['DDS', 'DMD'],
    staffRoles: ['hygienist', 'dental assistant', 'office manager', 'treatment coordinator'],
    procedures: [
      'cleaning',
      'crown',
      'root canal',
      'extraction',
      'implant',
      'filling',
      'whitening',
      'night guard',
      'deep cleaning',
      'veneer fitting',
    ],
    proceduresEs: ['limpieza', 'corona', 'endodoncia', 'extracción', 'implante', 'empaste'],
    conditions: ['cavities', 'gum disease', 'tooth sensitivity', 'TMJ pain', 'dry mouth'],
    facts: [
      'Nearly half of adults over 30 show some sign of gum disease.',
      'Brushing twice a day for two minutes removes most plaque before it hardens into tartar.',
      'Sugary drinks sipped slowly all day are harder on enamel than a single dessert.',
      'Replace your toothbrush every three to four months, or sooner if the bristles fray.',
      'Fluoride varnish can cut cavities in baby teeth by about a third.',
      'Grinding at night often shows up first as morning headaches or jaw soreness.',
    ],
    factsEs: [
      'Cepillarse dos veces al día durante dos minutos elimina la mayor parte de la placa.',
      'Cambie su cepillo de dientes cada tres o cuatro meses.',
    ],
    events: [
      'free kids’ dental screening day',
      'Smile Week open house',
      'mouthguard fitting night for student athletes',
    ],
  },
  {
    id: 'pediatrics',
    credentials: ['MD', 'DO', 'CPNP'],
    staffRoles: ['nurse', 'front desk lead', 'lactation consultant', 'medical assistant'],
    procedures: [
      'well-child visit',
      'sports physical',
      'flu shot',
      'ear infection follow-up',
      'asthma check',
      'vaccines',
    ],
    proceduresEs: [
      'consulta de niño sano',
      'vacuna contra la gripe',
      'examen físico deportivo',
      'vacunas',
    ],
    conditions: ['RSV', 'ear infections', 'asthma', 'strep throat', 'eczema'],
    facts: [
      'Children 6 months and older should get a flu vaccine every year.',
      'Most ear infections clear up within two to three days.',
      'Kids ages 6 to 12 need 9 to 12 hours of sleep a night.',
      'Car seats should stay rear-facing for as long as the seat allows.',
      'A fever under 102°F in a child over 3 months usually does not need the ER.',
      'RSV season usually peaks between December and February.',
    ],
    factsEs: [
      'Los niños de 6 meses en adelante deben vacunarse contra la gripe cada año.',
      'La mayoría de las infecciones de oído mejoran en dos o tres días.',
    ],
    events: ['back-to-school vaccine clinic', 'new parent Q&A night', 'car seat safety check'],
  },
  {
    id: 'dermatology',
    credentials: ['MD', 'PA-C', 'FAAD'],
    staffRoles: ['aesthetician', 'nurse', 'patient coordinator', 'medical assistant'],
    procedures: [
      'skin check',
      'mole removal',
      'Mohs surgery',
      'biopsy',
      'acne treatment',
      'laser session',
      'Botox',
    ],
    proceduresEs: [
      'revisión de la piel',
      'extirpación de lunar',
      'biopsia',
      'tratamiento del acné',
    ],
    conditions: ['melanoma', 'psoriasis', 'rosacea', 'acne', 'eczema'],
    facts: [
      'One in five Americans will develop skin cancer by age 70.',
      'SPF 30 blocks about 97 percent of UVB rays; reapply every two hours outdoors.',
      'Check moles for the ABCDEs: asymmetry, border, color, diameter and evolving.',
      'Tanning beds before age 35 raise melanoma risk substantially.',
      'Psoriasis is not contagious.',
    ],
    factsEs: [
      'Use protector solar SPF 30 y vuelva a aplicarlo cada dos horas.',
      'La psoriasis no es contagiosa.',
    ],
    events: [
      'free skin cancer screening',
      'sunscreen giveaway at the farmers market',
      'skincare myths webinar',
    ],
  },
  {
    id: 'physical-therapy',
    credentials: ['PT, DPT', 'DPT, OCS', 'PTA'],
    staffRoles: ['front desk coordinator', 'rehab aide', 'billing specialist', 'athletic trainer'],
    procedures: [
      'ACL rehab',
      'knee replacement rehab',
      'rotator cuff therapy',
      'dry needling',
      'gait training',
      'vestibular therapy',
    ],
    proceduresEs: ['rehabilitación de rodilla', 'terapia de hombro', 'terapia de equilibrio'],
    conditions: ['low back pain', 'plantar fasciitis', 'tennis elbow', 'sciatica', 'vertigo'],
    facts: [
      'Low back pain affects about 8 in 10 people at some point in their lives.',
      'Most ankle sprains heal best with early, gentle movement rather than total rest.',
      'Falls are the leading cause of injury for adults 65 and older.',
      'Strength training twice a week helps protect bone density.',
      'Sitting for long stretches stiffens the hips; stand up every 30 minutes.',
    ],
    factsEs: [
      'Las caídas son la principal causa de lesiones en adultos de 65 años o más.',
      'Levántese cada 30 minutos si pasa mucho tiempo sentado.',
    ],
    events: [
      'free running form clinic',
      'fall prevention workshop',
      'desk ergonomics lunch-and-learn',
    ],
  },
  {
    id: 'behavioral-health',
    credentials: ['MD', 'PMHNP-BC', 'LCSW', 'PsyD'],
    staffRoles: [
      'intake coordinator',
      'care coordinator',
      'office manager',
      'peer support specialist',
    ],
    procedures: [
      'medication management',
      'therapy session',
      'intake evaluation',
      'TMS session',
      'group therapy',
    ],
    proceduresEs: ['sesión de terapia', 'manejo de medicamentos', 'evaluación inicial'],
    conditions: ['depression', 'anxiety', 'ADHD', 'PTSD', 'bipolar disorder', 'insomnia'],
    facts: [
      'About one in five U.S. adults lives with a mental illness in a given year.',
      'The 988 Suicide & Crisis Lifeline is free and open 24/7.',
      'Regular sleep and daylight exposure can ease seasonal mood dips.',
      'Therapy and medication together often work better than either alone for depression.',
      'Anxiety disorders are the most common mental health condition in the U.S.',
    ],
    factsEs: [
      'La línea 988 de crisis y suicidio es gratuita y está abierta las 24 horas.',
      'Dormir bien ayuda a estabilizar el ánimo.',
    ],
    events: [
      'mental health first aid training',
      'caregiver support evening',
      'mindfulness drop-in group',
    ],
  },
  {
    id: 'eye-care',
    credentials: ['OD', 'MD', 'FAAO'],
    staffRoles: ['optician', 'ophthalmic technician', 'front desk lead', 'insurance coordinator'],
    procedures: [
      'eye exam',
      'contact lens fitting',
      'cataract surgery',
      'LASIK consult',
      'glaucoma test',
      'dilated exam',
    ],
    proceduresEs: [
      'examen de la vista',
      'cirugía de cataratas',
      'adaptación de lentes de contacto',
    ],
    conditions: ['glaucoma', 'dry eye', 'cataracts', 'macular degeneration', 'pink eye'],
    facts: [
      'Glaucoma often has no symptoms until vision is already lost.',
      'Adults over 60 should have a dilated eye exam every year or two.',
      'The 20-20-20 rule: every 20 minutes, look 20 feet away for 20 seconds.',
      'People 90 and older are among the fastest-growing groups needing low-vision care.',
      'Sleeping in contact lenses raises the risk of corneal infection several times over.',
    ],
    factsEs: [
      'El glaucoma a menudo no tiene síntomas.',
      'Regla 20-20-20: cada 20 minutos mire a 20 pies durante 20 segundos.',
    ],
    events: ['back-to-school vision screening', 'frame trunk show', 'diabetic eye health talk'],
  },
];
