/** Practice posts. Clean ones are hard negatives: provider names, the practice's address, phone and dates, and health facts with no patient. */
export const CLEAN_POSTS: Record<string, { en: string[]; es: string[] }> = {
  educational: {
    en: [
      '{fact} Questions about {condition}? Call our team at {phone}. #healthtips',
      'Did you know? {fact} {dr} recommends booking a {procedure2} once a year. {website}',
      '💡 {condition} myth vs. fact: {fact} Learn more at {website}/blog',
      '{fact} {fact2} Our {city} office is here to help: {phone}',
      'Tip Tuesday from {drfull}: {fact} #TipTuesday #{city}',
      'Three things to know about {condition}: 1) {fact} 2) {fact2} 3) Early care matters. Book online at {website}.',
      '{fact} Adults 65 and older should ask about screening every year. Call {phone} or email {email}.',
      'What causes {condition}? {dr} explains in our new video: {website}/videos',
    ],
    es: [
      '{fact} ¿Preguntas? Llame a nuestra oficina al {phone}. #salud',
      'Consejo de {drfull}: {fact} Más información en {website}',
    ],
  },
  event: {
    en: [
      'Join us {edate} from {etime} for our {event} at {addr}. RSVP: {phone}',
      'Save the date! Our {event} is {edate}, {etime}, at our {city} office ({street}). Free parking.',
      '📅 {edate}: {event} with {drfull}. Spots are limited — sign up at {website}/events',
      'This {edate} we are hosting a {event}. Bring the whole family to {addr}! Questions: {email}',
      'Reminder: our {event} is tomorrow, {edate}, {etime}. See you at {street}!',
      'We will be at the {city} Community Health Fair on {edate} offering a {event}. Stop by booth 12!',
    ],
    es: [
      'Acompáñenos el {edate} de {etime} para nuestro evento en {addr}. Información: {phone}',
      '¡Reserve la fecha! {edate} en nuestra oficina de {city}. Llame al {phone}.',
    ],
  },
  'provider-intro': {
    en: [
      'Please welcome {provfull} to our {city} office! {provfirst} loves helping families with {condition}. Book with {dr} at {phone}.',
      'Meet {drfull}! In practice since {year}, {dr} now sees patients Tuesdays and Thursdays at {street}.',
      'We are thrilled to announce that {drfull} has joined {practice}. New patients welcome — call {phone} or visit {website}.',
      'Get to know {dr}: marathon runner, dog lover, and our newest expert in {condition}. Say hi at {addr}!',
      '{provfull} is now accepting new patients at our {city} location. Schedule online: {website}',
      'Congratulations to {drfull} on {year} years of board certification! 🎉',
    ],
    es: [
      '¡Bienvenido/a {drfull} a nuestra oficina de {city}! Haga su cita al {phone}.',
      'Conozca a {dr}, ahora atendiendo en {street}. {website}',
    ],
  },
  staff: {
    en: [
      'Staff spotlight: meet {stafffull}, our {staffrole}! {staff} has been with {practice} since {year}. ❤️',
      'Happy work anniversary to {staff}, our amazing {staffrole}! Thank you for everything you do at {street}.',
      'Our {staffrole} {stafffull} just completed a CPR instructor course. So proud of you, {staff}!',
      '{staff} from our front desk wants you to know: bring your insurance card to every visit! Questions: {email}',
    ],
    es: ['¡Conozca a {stafffull}, nuestra/o {staffrole}! Con nosotros desde {year}.'],
  },
  office: {
    en: [
      'Our {city} office will be closed {edate} for the holiday. For urgent needs call {phone}; records requests can be faxed to {fax}.',
      'New hours starting {edate}: Mon–Thu 7am–6pm, Fri 8am–2pm at {street}. Call {phone}.',
      'We moved! Find us at {addr}. Same phone: {phone}. Same great team led by {drfull}.',
      'Weather update: {practice} is opening late (10am) today. Call {phone} to reschedule. Follow {phandle} for updates.',
      'Billing questions? Email {email} or mail payments to {mailing}. Fax: {fax}.',
      'Now in-network with {insurer}! Call {phone} to check your benefits.',
    ],
    es: [
      'Nuestra oficina estará cerrada el {edate}. Para urgencias llame al {phone}.',
      '¡Nos mudamos! Ahora estamos en {addr}. Teléfono: {phone}.',
    ],
  },
};

/** Posts that identify or describe a patient: all should be blocked. */
export const PATIENT_POSTS: { en: string[]; es: string[] } = {
  en: [
    'Congratulations to {pfull} on finishing {pr} {procedure}! We will miss seeing you every week. 🎉',
    'Happy {age90nth} birthday to our longtime patient {ptitle} {plast}! You inspire us all.',
    'Before & after: {pfirst}’s {procedure} with {dr}, completed {vdate}. Amazing results!',
    'Shout out to {handle} for crushing {pr} {procedure} — see you at the next visit!',
    'Our patient {pfirst} from {pcity} rang the bell today after finishing treatment for {condition}! 🔔',
    '{pfull} ({age90} years young!) came in {reldate} for {pr} {procedure} and brought us cookies. Thank you!',
    'So proud of {pfirst} {plast}, who beat {condition} this year. Read {pr} story: {purl}',
    'Patient of the month: {pfull}! {pfirst} has not missed a single {procedure} since {vdate}.',
    'We had a full house {reldate}! Special thanks to {pfirst} and {pr} {relword} {relname} for the flowers.',
    'Thank you {pfull} for the lovely card after your {procedure} on {vdate}. It is on our fridge!',
    'Get well soon, {ptitle} {plast}! Everyone at {practice} is thinking of you after your {procedure}.',
    'Lost and found: keys to a car with plate {plate} were left in our lobby {reldate}. {pfull}, are they yours?',
    'Found in the waiting room: a driver license ({dl}) belonging to {pfull}. Call {phone} to claim it.',
    'Huge thanks to {pfull} of {paddress}, {pcity} {pzip} for the {procedure} referral!',
    'Congrats {pfirst}! The new cochlear implant (serial {device}) was activated {reldate}. 🎧',
    'Throwback to {vdate}, when {pfull} came in for {pr} very first {procedure}. Look at {pr} smile now! {purl}',
    'Spotted in the lobby: {pfull}’s lost phone. Call {pfirst} back at {pphone} if you find the charger too! 😂',
    'Happy retirement, {ptitle} {plast}! After {procedure} number 50 with us, you deserve it. (Account {acct} is on us!)',
    'Welcome to the world, baby {relname}! Congrats to {pfirst} {plast} on {pr} new arrival, born {vdate}.',
  ],
  es: [
    '¡Felicidades a {pfull} por terminar {pr} {procedure}! 🎉',
    'Gracias {pfirst} {plast} por visitarnos el {vdate}. ¡Qué gran resultado con {dr}!',
    '¡Feliz cumpleaños número {age90} a nuestro paciente {pfull}!',
  ],
};

/** ~500-character posts (for the latency measurement): several clean paragraphs joined. */
export const LONG_POST_PARTS: string[] = [
  '{fact}',
  '{fact2}',
  'Our {city} office at {addr} is open Monday through Friday, and {drfull} sees new patients every week.',
  'Call {phone}, fax referrals to {fax}, or book online at {website}.',
  'Join us {edate} from {etime} for our {event}.',
  'Questions about {condition}? Email {email} and our {staffrole} {staff} will get back to you within a day.',
  'Follow {phandle} for tips, events and news from {practice}.',
];
