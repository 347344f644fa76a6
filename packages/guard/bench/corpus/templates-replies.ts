/**
 * Replies to reviews, modelled on the OCR cases in HIPAA.md §4.1 (Elite Dental, Igbinadolor,
 * New Vision Dental, Manasa) and the reply rules in §4.4.
 */
export interface ReplySet {
  en: string[];
  es: string[];
}

/** Friendly, but confirms the reviewer is a patient or speaks of their care; no identifier. */
export const FRIENDLY: ReplySet = {
  en: [
    'Thank you so much! We are thrilled your {procedure} went smoothly. See you at your next appointment!',
    'So glad your {condition} is improving. Keep up the home exercises we gave you!',
    'We loved having you in for your first visit. Welcome to the {practice} family!',
    'Thanks for the kind words! {dr} enjoyed working on your {procedure} and is glad you are happy with the results.',
    'We are so happy the new medication is helping. Do not hesitate to call if anything changes.',
    'Thank you for trusting us with your {procedure}! Remember to avoid hard foods for a few days.',
    'It was a pleasure to see you and your family again. Your kids are always so well behaved during their check-ups!',
    'Glad we could fit you in for that emergency visit. Hope you are feeling much better!',
    'Congratulations on finishing your treatment with us! You worked so hard.',
    'We appreciate you! Your results from the {procedure} look fantastic.',
  ],
  es: [
    '¡Muchas gracias! Nos alegra que su {procedure} haya salido bien. ¡Lo esperamos en su próxima cita!',
    'Qué bueno que ya se siente mejor después de su tratamiento. ¡Gracias por confiar en nosotros!',
  ],
};

/** Friendly, with identifiers: names, dates, addresses of the reviewer or family. */
export const FRIENDLY_IDENTIFIED: ReplySet = {
  en: [
    'Thank you, {pfirst}! It was great seeing you on {vdate}. Your {procedure} healed beautifully.',
    'Aww, thanks {ptitle} {plast}! Tell your {relword} {relname} we said hi and we will see you both at your next visit.',
    '{pfull}, you are one of our favorite patients! Happy early {age90nth} birthday!',
    'Thanks {pfirst}! We will mail the aftercare sheet from your {procedure} to {paddress} as promised.',
    'Thank you {handle}! So glad {dr} could see you {reldate} for your {condition}.',
    'Hi {pfirst}, thank you! We sent your updated treatment plan to {pemail} this morning.',
    'Thanks {pfirst}! We will call you at {pphone} to set up your follow-up {procedure}.',
    'So glad you made the drive from {pcity} for your {procedure}, {pfirst}! See you next month.',
    'Thank you {ptitle} {plast}! Your new {procedure} paperwork is on its way to {paddress}, {pcity} {pzip}.',
  ],
  es: [
    '¡Gracias {pfirst}! Fue un gusto verle el {vdate} para su {procedure}.',
    'Gracias {ptitle} {plast}, saludos a {relword} {relname}.',
  ],
};

/** Defensive: rebuts the review with facts of the reviewer's care; no identifier. */
export const DEFENSIVE: ReplySet = {
  en: [
    'Our records show you missed two appointments and still have an outstanding balance with our office.',
    'You were seen within 15 minutes of your scheduled time. The delay was caused by your own late arrival.',
    'The treatment plan {dr} recommended was explained to you in detail and you chose not to proceed.',
    'Your insurance denied the claim, which is not something we control. We told you this at check-in.',
    'We referred you to a specialist for your {procedure} because it was beyond the scope of what we do here.',
    'You were offered a payment plan for your remaining balance and declined it.',
    'Your {condition} was diagnosed correctly; you did not follow the aftercare instructions you were given.',
    'As we discussed at your last visit, the no-show fee applies to every patient, including you.',
    'Our notes show that you declined the X-rays that would have caught this.',
    'The medication you were prescribed for your anxiety takes several weeks to work, as you were told.',
  ],
  es: [
    'Nuestros registros muestran que usted faltó a dos citas y tiene un saldo pendiente.',
    'Usted llegó tarde a su cita y por eso tuvo que esperar.',
  ],
};

/** Defensive, with identifiers (Igbinadolor, New Vision, Elite Dental, Manasa). */
export const DEFENSIVE_IDENTIFIED: ReplySet = {
  en: [
    '{ptitle} {plast}, you have only been to our office twice since {vdate}, the last time on {vdate2} as an emergency patient in severe pain. Get a life.',
    '{pfull} missed scheduled appointments after {insurer} approved the treatment plans, then got a referral for a root canal. The facts speak for themselves.',
    '{pfirst}, we have treated your {condition} since {vdate} and adjusted your medication every time you asked.',
    'This review is from {pfull}, who still owes a balance on account {acct}. We have sent it to collections.',
    'Our portal logs show you logged in from {pip} on {vdate}, {pfirst}, so you did receive the results.',
    'Your insulin pump (serial {device}) shows the missed doses, {ptitle} {plast}. That is why your A1c went up.',
    'Claim {claim} for {pfull} was denied by {insurer}, not by us.',
    'Prescription {rx} was sent to your pharmacy on {vdate}, {pfirst}. Check before you post.',
    '{pfull}, you showed us driver license {dl} at check-in and signed the financial policy.',
    'We faxed your records to {pfax} on {vdate2} exactly as you asked, {ptitle} {plast}.',
    'The card ending in your number {card} was declined, {pfirst}; that is why the appointment was canceled.',
    '{pfull} (SSN {ssn}) agreed to the payment plan in writing.',
    'We called you at {pphone} three times about your balance, {pfirst}, and you never picked up.',
    '{ptitle} {plast}, your chart ({mrn}) documents every {procedure} you had with us since {vdate}.',
    'Funny, {pfirst}, the Medicaid ID {member} you gave us at intake was not even active.',
    'We mailed three statements to {paddress} in {pcity}. You chose not to pay, {ptitle} {plast}.',
    'The loaner device (serial {device}) you never returned is why you got a bill, {pfull}.',
    'Your car (VIN {vin}) blocked our ambulance bay for two hours that day, {pfirst}.',
    'Your prescription {rx} was sent on {vdate}, {pfirst}. Account {acct} shows no payment since.',
    'For the record, {ptitle} {plast} (DOB {dob}) was seen {reldate} and left against medical advice.',
    '{pfull} posted this under a fake name. Your {insurer} member ID {member} shows the claim was paid in full.',
    'We have video of your car, plate {plate}, parked across two handicapped spots that day, {pfirst}.',
  ],
  es: [
    '{pfull}, usted faltó a su cita del {vdate} y su seguro {insurer} no cubrió el tratamiento.',
  ],
};

/** Safe generic replies: thank, describe policy, offer an offline contact. Hard negatives carry the practice's phone and email. */
export const SAFE: ReplySet = {
  en: [
    'Thank you for taking the time to share your feedback. Privacy laws prevent us from discussing anyone’s care online, but we would welcome the chance to talk. Please call our office manager at {phone}.',
    'We appreciate every review. Our team works hard to make every visit comfortable, and we are always looking for ways to improve.',
    'Thank you for the kind words! Our whole team at {practice} is proud to serve the {city} community.',
    'We are sorry to read this. We take all feedback seriously. Please reach out to {email} so we can learn more.',
    'Thanks for the five stars! {dr} and the team appreciate you taking the time to write.',
    'We hold ourselves to a high standard and we are sorry to hear you are disappointed. Please call {phone} and ask for {staff}.',
    'Thank you for your review. To protect everyone’s privacy we do not discuss details online. Our door is always open at {addr}.',
    'We strive to keep wait times short and appreciate your patience on busy days. Please contact us at {phone} if you would like to talk.',
    'Thank you! Reviews like this make our day. 😊',
    'Our billing policies are posted at {website}/billing. If you have questions about any statement, our billing team can help at {email}.',
  ],
  es: [
    'Gracias por sus comentarios. Por leyes de privacidad no podemos hablar de casos individuales. Llame a nuestra oficina al {phone}.',
    '¡Gracias por su reseña! Todo nuestro equipo de {practice} se lo agradece.',
    'Lamentamos leer esto. Por favor comuníquese con nosotros al {phone} o escriba a {email}.',
  ],
};

/** Generic content, but addressed to the reviewer by name: should be blocked, does not confirm care. */
export const NAMES_REVIEWER: ReplySet = {
  en: [
    'Hi {pfirst}, thank you for your feedback. Please call our office manager at {phone} so we can talk.',
    'Thank you, {pfull}. We appreciate every review and would love to hear more at {email}.',
    '{ptitle} {plast}, we are sorry you are disappointed. Please give us a call at {phone}.',
  ],
  es: ['Hola {pfirst}, gracias por sus comentarios. Llámenos al {phone}.'],
};
