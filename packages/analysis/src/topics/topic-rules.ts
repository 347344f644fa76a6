import type { Topic } from '../types.js';

/**
 * Keyword rules per topic, for the words US reviews use that NHS survey answers rarely do
 * (copays, telehealth, parking garages) and for the topics the NHS data barely labels. Matched on
 * lowercased text with word boundaries; a topic is reported if its rule matches or its model head
 * fires (see analyze.ts).
 */
export const TOPIC_RULES: Readonly<Record<Topic, RegExp>> = {
  wait_time:
    /\b(?:wait(?:s|ed|ing)?|waited|delay(?:s|ed)?|running late|(?:was|were|is|are|ran|run) late|on time|in (?:good )?time|punctual(?:ly)?|queue[ds]?|took forever|took (?:ages|hours|so long|too long|a long time)|too long|kept (?:me|us) (?:waiting|for)|(?:seen|called in) (?:quickly|promptly|straight away|right away|on time)|quick(?:ly|er)?|prompt(?:ly)?|fast(?:er)?|speedy|speedily|swift(?:ly)?|(?:\d+|a few|few|a couple of|one|two|three|four|five|several|ten|twenty|thirty|forty) (?:minutes?|mins?|hours?|hrs?)|response (?:time|was)|arrived (?:within|in|after|quickly|promptly|very|so|on))\b/,
  scheduling_access:
    /\b(?:appointments?|appt|book(?:ed|ing)?|(?:re)?schedul(?:e|ed|ing)|cancel(?:l?ed|ing|lation)?|availability|new patients?|get (?:an? )?(?:appointment|slot)|get through|front desk|receptionist|referr(?:al|ed))\b/,
  billing_insurance:
    /\b(?:bill(?:s|ed|ing)?|invoice[ds]?|charg(?:e|ed|es|ing)|over-?charg(?:e|ed|ing)|co-?pays?|deductibles?|insurance|insurer|in-network|out-of-network|out of network|coverage|price[ds]?|pricing|cost(?:s|ly)?|fees?|payments?|refund(?:s|ed)?|collections|out-of-pocket|out of pocket|medicaid|medicare|paid|pay)\b/,
  staff_manner:
    /\b(?:rude(?:ly|ness)?|friendly|unfriendly|kind(?:ly|ness)?|polite(?:ly)?|impolite|caring|uncaring|compassion(?:ate)?|dismissive|attitude|courteous|discourteous|respectful|disrespectful|(?:un)?professional(?:ism)?|condescending|arrogant|bedside manner|warm|welcoming|lovely staff|nice staff|staff (?:were|was) (?:nice|lovely|great|amazing|wonderful)|patient and kind|empath(?:y|etic))\b/,
  communication:
    /\b(?:explain(?:s|ed|ing)?|explanation|listen(?:s|ed|ing)?|informed|inform(?:ation)?|call(?:ed)? (?:me |us )?back|return(?:ed)? (?:my |our )?calls?|answer(?:ed|s|ing)? (?:my |all my |our |any |all )?(?:questions?|queries)|communicat(?:e|ed|ion|ing)|kept (?:me|us) (?:informed|updated)|update[ds]?|never (?:heard|called)|no one (?:told|called)|voicemails?|messages?|portal|kept (?:me|us|you|them|him|her) (?:up to date|in the loop|in touch|posted)|talk(?:ed|s)? (?:me|us|you|him|her|them) through|let (?:me|us) know|advice|instructions?|leaflets?|(?:un)?clear(?:ly|er)?|understanding|understood|(?:felt|feel|being) heard|heard me|involv(?:ed|ing) (?:me|us))\b/,
  clinical_outcome:
    /\b(?:diagnos(?:is|ed|e)|misdiagnos(?:is|ed)|treatment|treated|surgery|operation|procedure|recover(?:y|ed)|heal(?:ed|ing)|pain|symptoms?|prescri(?:bed|ption)s?|medication|results?|outcome|side effects?|cured?|life-?saving|saved my life|feel(?:ing)? (?:much )?(?:better|worse))\b/,
  cleanliness:
    /\b(?:clean(?:liness|ed|est)?|unclean|dirty|dirt|filth(?:y)?|hygien(?:e|ic)|unhygienic|sanit(?:ary|ized?|izer)|unsanitary|smell(?:y|ed|s)?|stink(?:s|ing)?|spotless|tidy|untidy|germs?|dust(?:y)?|grime|stain(?:s|ed)?)\b/,
  facilities_parking:
    /\b(?:parking|park(?:ed)?|car park|garage|building|facilit(?:y|ies)|waiting (?:room|area)|chairs?|seating|bathrooms?|restrooms?|toilets?|wheelchair|accessib(?:le|ility)|elevators?|lifts?|signage|directions|equipment|decor|temperature|too (?:cold|hot))\b/,
  telehealth:
    /\b(?:tele-?health|tele-?medicine|tele-?visit|video (?:visit|call|appointment|consult(?:ation)?)|virtual (?:visit|appointment|care|consult(?:ation)?)|zoom|doxy|online (?:visit|appointment|consult(?:ation)?)|phone (?:appointment|consult(?:ation)?|visit)|e-?visit|remote (?:visit|appointment|consult(?:ation)?))\b/,
};

export function topicsByRule(lowerText: string): Set<Topic> {
  const found = new Set<Topic>();
  for (const [topic, rule] of Object.entries(TOPIC_RULES) as [Topic, RegExp][]) {
    if (rule.test(lowerText)) found.add(topic);
  }
  return found;
}
