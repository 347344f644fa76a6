/** Review-request messages sent by the practice. Clean ones use merge fields and carry no patient detail. */
export const CLEAN_MESSAGES = {
  en: [
    'Hi {{first_name}}, thank you for choosing {practice}! If you have a moment, we would appreciate an honest review: {website}/review. Reply STOP to opt out.',
    'Thanks for visiting {practice}. How did we do? Share your experience here: {website}/r/{{token}} Questions? Call {phone}.',
    'Hello from {practice}! We invite every patient to leave a review, good or bad: {website}/feedback. Msg&data rates may apply.',
    '{practice}: we value your feedback. Tell us about your visit at {website}/review or call {staff} at {phone}. Reply STOP to unsubscribe.',
    'Thank you for being part of the {practice} family. Leave us a review on Google: {website}/google — it helps neighbors find care. Text STOP to opt out.',
  ],
  es: [
    'Hola {{first_name}}, gracias por elegir {practice}. ¿Nos deja una reseña honesta? {website}/resena Responda STOP para cancelar.',
    '{practice}: su opinión es importante. Cuéntenos cómo le fue: {website}/r/{{token}} o llame al {phone}.',
  ],
};

/** Review-request messages that leak PHI (patient identifiers in the text or in the link). */
export const PHI_MESSAGES = {
  en: [
    'Hi {pfirst}, thanks for coming in on {vdate} for your {procedure} with {dr}! Review us: {phiurl}',
    '{pfull}, how was your {procedure}? Leave a review here: {phiurl}',
    'Hi {pfull} (MRN {mrn}), we hope your {procedure} went well. Please rate your visit: {website}/review',
    'Reminder for {pfull}, DOB {dob}: please review your visit with {dr} at {website}/review',
    'Hi {pfirst}! Your balance on account {acct} is paid. Mind leaving us a review? {website}/review',
    'Thanks {pfirst}! We billed {insurer} member ID {member} for your {procedure}. Leave a review: {website}/review',
    'Hi {pfirst}, we faxed your {procedure} results to {pfax} as requested. How did we do? {website}/review',
    'Hi {pfull}, your hearing aid (serial {device}) is ready. While you wait, leave us a review: {website}/review',
    'Hi {pfirst}, claim {claim} for your {procedure} was approved. Please review us: {website}/review',
    '{pfull}: please confirm SSN {ssn} for billing, then tell us how we did at {website}/review',
    'Hi {pfirst}, prescription {rx} is ready. Rate your visit on {vdate}: {website}/review',
    'Hi {pfirst}, your visit summary went to {pemail}. Review us: {website}/review',
    'Hi {pfull}, we will call you at {pphone} about your {procedure}. Review: {website}/review',
    'Hi {pfirst}, your {procedure} on {vdate} is confirmed (chart {mrn}). Afterwards, review us: {website}/review',
    'Thanks {pfull}! Your loaner device {device} is due back {vdate2}. Please rate us: {website}/review',
    'Hi {pfirst}, we updated your address to {paddress}, {pcity} {pzip}. Would you review us? {website}/review',
    'Parking validated for plate {plate}, {pfirst}! How was your visit? {website}/review',
    '{pfull}, your {insurer} plan ({member}) covered today’s {procedure}. Leave a review: {phiurl}',
    'Hi {pfirst}! Portal login from {pip} confirmed. Tell us about your visit: {website}/review',
    'Hi {pfirst}, your driver license {dl} is on file now. Review your visit: {website}/review',
    'Hi {pfirst}, payment on card {card} received. Review us: {website}/review',
    'Hi {pfull}, we faxed the form to {pfax} and emailed a copy to {pemail}. Review us: {website}/review',
    '{pfull} (SSN {ssn}, license {dl}), thank you for visiting! Rate us: {website}/review',
  ],
  es: ['Hola {pfull}, gracias por su {procedure} del {vdate}. Califíquenos aquí: {phiurl}'],
};
