import type { DateTime } from 'luxon';
import { fmt, time24 } from './format';
import type { LanguagePack } from './types';

// Somali is written in plain Latin letters, so its texts go in GSM-7 like English. Somali verbs
// agree with the child's gender, so good news is said of a noun ("Xaadiriska Amir"), never of the
// child. Times are on the 24-hour clock in writing: CLDR's 12-hour marks (GH/GD) are little read;
// spoken, the part of the day is said in words.
const change = 'Si aad u beddesho, ku jawaab BEDDEL.';
const every = (weeks: number) => (weeks === 1 ? 'toddobaad kasta' : `${weeks}-dii toddobaadba mar`);
const scale = 'Ku jawaab 1 (gabi ahaanba maya) ilaa 5 (aad u badan).';

function spokenTime(dt: DateTime): string {
  const part = dt.hour < 12 ? 'subaxnimo' : dt.hour < 17 ? 'galabnimo' : 'fiidnimo';
  return `saacadda ${fmt(dt, 'h:mm')} ${part}`;
}

const SURVEY = {
  listened: (c: string) => `intee in le'eg ayaad dareentaa inaan kaa dhageysano arrimaha ${c}?`,
  informed: (c: string) => `intee in le'eg ayaan kuugu warramnaa waxbarashada ${c}?`,
  expectations: (c: string) => `intee in le'eg ayaad dareentaa inaan ka filayno ${c} waxa ugu wanaagsan?`,
  engage: (c: string) => `intee in le'eg ayaad dareentaa inaad caawin karto waxbarashada ${c}?`,
  trust: (c: string) => `intee in le'eg ayaad ku kalsoon tahay inaan si fiican u taageerno ${c}?`,
};

export const so: LanguagePack = {
  language: 'so',
  locale: 'so',
  dates: {
    when: (dt) => `${fmt(dt, 'cccc d LLL')} ${time24(dt)}`,
    day: (dt) => fmt(dt, 'cccc d LLL'),
    spoken: (dt) => `${fmt(dt, 'cccc d LLLL')}, ${spokenTime(dt)}`,
  },
  areaWords: {
    ENGLISH: 'af Ingiriisiga',
    MATHS: 'xisaabta',
    ATTENDANCE: 'imaanshaha iskuulka maalin kasta',
    BEHAVIOUR: 'dhaqanka wanaagsan ee fasalka',
    BULLYING: 'ammaanka iskuulka',
    RELATIONSHIPS: 'saaxiibtinimada',
    PARTICIPATION: 'ka qaybgalka naadiyada',
    OTHER: 'hadafyo kale',
  },
  subjectWords: { reading: 'akhriska', writing: 'qoraalka', maths: 'xisaabta' },
  separator: ', ',
  fullStop: '.',
  reply: { stop: 'STOP', start: 'START', change: 'BEDDEL', updates: 'WARAR', default: 'CAADI', text: 'QORAAL' },
  keys: { hash: 'furaha haashka', star: 'furaha xiddigta' },
  goodNews: {
    everyDay: (c) => `Xaadiriska ${c}: maalin kasta tan iyo fasaxii u dambeeyay.`,
    better: (c) => `Xaadiriska ${c} wuu soo fiicnaanayaa.`,
    rewards: (c, _count, n) => `Abaalmarinnada ${c} tan iyo fasaxii u dambeeyay: ${n}.`,
    clubs: (c, _count, n) => `Naadiyada ${c}: ${n}.`,
    learning: (c, subjects) => `Horumar wanaagsan (${c}): ${subjects}.`,
  },
  texts: {
    'booking.offer': (p, f) =>
      `${p.school}: fadlan dooro waqti aad kula kulanto macallinka ${p.child}. Ku jawaab ${f.list(p.slots.map((s, i) => `${i + 1} ${f.when(s)}`))}, ama 0 waqti kale.`,
    'booking.confirmed': (p, f) => `${p.school}: mahadsanid. Kulankaaga ku saabsan ${p.child} waa ${f.when(p.at)}. ${change}`,
    'booking.takenByOther': (p, f) => `${p.school}: kulanka ku saabsan ${p.child} waxaa ${f.when(p.at)} u qabtay waalid kale ama daryeele. ${change}`,
    'booking.alreadyBooked': (p, f) => `${p.school}: doorashadaas waa xiran tahay. Kulanka ku saabsan ${p.child} waa ${f.when(p.at)}. ${change}`,
    'booking.offerClosed': (p) => `${p.school}: doorashadaas waa xiran tahay. Macallinka ${p.child} ayaa dhawaan kuu soo diri doona waqtiyo cusub.`,
    'booking.invalidChoice': (p) => `${p.school}: waan ka xumahay, ma aanan fahmin. Fadlan ku jawaab lambar 1 ilaa ${p.count}, ama 0 waqti kale.`,
    'booking.declinedAck': (p) => `${p.school}: mahadsanid. Macallinka ${p.child} ayaa kuu soo diri doona waqtiyo kale.`,
    'booking.reminder': (p, f) => `${p.school}: xusuusin: kulankaaga ku saabsan ${p.child} waa ${f.when(p.at)}. ${change}`,
    'booking.moved': (p, f) => `${p.school}: waxaan beddelnay waqtiga kulankaaga ku saabsan ${p.child}. Waqtiga cusub: ${f.when(p.at)}. ${change}`,
    'booking.cancelled': (p) => `${p.school}: waan ka xumahay, waxaan joojinay kulankaaga ku saabsan ${p.child}. Macallinka ${p.child} ayaa kula soo xiriiri doona.`,
    'booking.changeAck': (p) => `${p.school}: mahadsanid. Waxaan u sheegnay macallinka ${p.child}, kaas oo kuu soo diri doona waqtiyo cusub.`,
    'targets.confirmed': (p, f) =>
      p.areas.length > 0
        ? `${p.school}: waad ku mahadsan tahay kulanka ku saabsan ${p.child}. Waxaan isla ogolaanay inaan ka shaqeyno: ${f.areas(p.areas)}. Waxaan eegi doonaa sida ay u socoto ilaa ${f.day(p.nextReview)}. Nagu soo jawaab goor kasta.`
        : `${p.school}: waad ku mahadsan tahay kulanka ku saabsan ${p.child}. Waxaan eegi doonaa sida ay u socoto ilaa ${f.day(p.nextReview)}. Nagu soo jawaab goor kasta.`,
    'progress.update': (p, f) =>
      [
        `${p.school}: war ku saabsan ${p.child}.`,
        ...f.goodNews(p.goodNews ?? [], p.child),
        p.achieved.length > 0 ? `Hadafka la gaaray: ${f.areas(p.achieved)}.` : '',
        p.workingOn.length > 0 ? `Waxaa lagu shaqeynayaa: ${f.areas(p.workingOn)}.` : '',
        'Sidee bay guriga ugu socotaa? Nagu soo jawaab.',
      ]
        .filter(Boolean)
        .join(' '),
    'reply.actioned': (p) => `${p.school}: waad ku mahadsan tahay fariintaada ku saabsan ${p.child}. Waxa aan samaynay: ${p.action}`,
    'teacher.message': (p) => `${p.school}, macallinka ${p.child}: ${p.text}`,
    'school.message': (p) => `${p.school}, jawaabta fariintaada: ${p.text}`,
    'reply.received': (p) => `${p.school}: mahadsanid. Fariintaada waxaan u gudbinay macallinka ${p.child}.`,
    'confidence.check': (p) => `${p.school}: intee in le'eg ayaad ku kalsoon tahay in iskuulku fahmo baahiyaha ${p.child}? ${scale}`,
    'confidence.thanks': (p) => `${p.school}: waad ku mahadsan tahay jawaabtaada.`,
    'which.child': (p, f) => `${p.school}: fariintan ilmahee ayay ku saabsan tahay? Ku jawaab ${f.list(p.children.map((c, i) => `${i + 1} ${c}`))}.`,
    'which.school': (p, f) => `Fariintan iskuulkee ayay ku saabsan tahay? Ku jawaab ${f.list(p.schools.map((s, i) => `${i + 1} ${s}`))}.`,
    'updates.changed': (p) => `${p.school}: mahadsanid. War ku saabsan horumarka ilmahaaga waxaad heli doontaa ${every(p.weeks)}${p.own ? '' : ' (caadada iskuulka)'}.`,
    'updates.current': (p) =>
      `${p.school}: war ku saabsan horumarka ilmahaaga waxaad heshaa ${every(p.weeks)}${p.own ? '' : ' (caadada iskuulka)'}. Si aad u beddesho, ku jawaab WARAR iyo lambar ${p.min} ilaa ${p.max}${p.own ? ', ama WARAR CAADI si aad ugu noqoto caadada iskuulka' : ''}.`,
    'updates.invalid': (p) =>
      `${p.school}: waan ka xumahay, war waxaan diri karnaa ${p.min} ilaa ${p.max} toddobaadba mar. Fadlan ku jawaab WARAR iyo lambar ${p.min} ilaa ${p.max}, tusaale WARAR 2.`,
    help: (p) =>
      `${p.school} ayaa kuu soo dira fariimo ku saabsan waxbarashada ilmahaaga. ${p.phone ? `Si aad ula hadasho iskuulka, wac ${p.phone}.` : 'Si aad ula hadasho iskuulka, la xiriir xafiiska iskuulka.'} Ku jawaab WARAR si aad u doorato inta jeer ee aad war hesho. Ku jawaab STOP si aad u joojiso fariimaha.`,
    'stop.confirmed': (p) => `${p.school}: naga heli maysid fariimo dambe. Ku jawaab START si aad mar kale u hesho.`,
    'start.confirmed': (p) => `${p.school}: ku soo dhowow. Mar kale ayaad naga heli doontaa fariimo. Ku jawaab STOP si aad u joojiso.`,
    'unknown.number': () => 'Waad ku mahadsan tahay fariintaada. Lambarkan wuxuu diraa fariimo iskuul, mana yaqaan lambarkaaga. Fadlan si toos ah ula xiriir iskuulka.',
    'page.link': (p) => `${p.school}: eeg waxa aan isla ogolaanay ee ${p.child} oo noo soo dir fikradahaaga: ${p.link}`,
    'views.invite': (p, f) =>
      `${p.school}: kulankaaga ku saabsan ${p.child} waa ${f.when(p.at)}. Maxaad jeclaan lahayd inaan ka hadalno? Halkan noogu sheeg ${p.link} ama ka jawaab fariintan.`,
    'plan.ready': (p) => `${p.school}: qorshaha aan u dejinay ${p.child}, oo ay ku jiraan waxa aad guriga ku samayn karto, waa halkan: ${p.link}`,
    'page.code': (p) => `${p.school}: koodhkaagu waa ${p.code}. Wuxuu shaqaynayaa 10 daqiiqo. Cidna ha la wadaagin.`,
    'survey.question': (p) => `${p.school} (${p.position}/${p.of}): ${SURVEY[p.aim](p.child)} ${scale}`,
    'survey.thanks': (p) => `Mahadsanid. Jawaabahaagu waxay ka caawinayaan ${p.school} inay si fiican ugu adeegaan ${p.child}.`,
    'channel.call': (p) => `Hadda wixii ka dambeeya ${p.school} ayaa ku soo wici doona halkii fariimo. Ku jawaab QORAAL si aad ugu noqoto fariimaha.`,
    'channel.text': (p) => `Hadda wixii ka dambeeya ${p.school} ayaa kuu soo diri doona fariimo.`,
    'call.intro': (p) => `Haloo. Kani waa fariin ka timid ${p.school} oo ku saabsan ${p.child}.`,
    'call.repeat': (p, f) => `Si aad mar kale u maqasho fariintan, riix ${f.key(p.key)}.`,
    'call.leaveMessage': (p, f) => `Si aad fariin ugu dhaafto macallinka ${p.child}, riix ${f.key(p.key)}.`,
    'call.record': () => 'Fadlan hadal codka kadib. Waxaad haysataa laba daqiiqo. Marka aad dhammayso, riix furaha haashka.',
    'call.recorded': (p) => `Mahadsanid. Fariintaada waxaan u gudbinay macallinka ${p.child}.`,
    'call.stop': (p, f) => `Si aad u joojiso wicitaannada iyo fariimaha iskuulka, riix ${f.key(p.key)}.`,
    'call.stopped': (p) => `Mar dambe kama heli doontid ${p.school} wicitaanno iyo fariimo. Nabad gelyo.`,
    'call.option': (p, f) => `Waqtiga ${f.spokenWhen(p.at)}, riix ${f.key(p.key)}.`,
    'call.otherTime': (p, f) => `Haddii waqtiyadan midkoodna kuu habboonayn, riix ${f.key(p.key)}.`,
    'call.confidence': (p) =>
      `Intee in le'eg ayaad ku kalsoon tahay in iskuulku fahmo baahiyaha ${p.child}? Riix lambar 1 ilaa 5: 1 waa gabi ahaanba maya, 5 waa aad u kalsoon.`,
    'call.invalidKey': () => 'Waan ka xumahay, furahaas ma aha mid ka mid ah doorashooyinka.',
    'call.goodbye': () => 'Mahadsanid. Nabad gelyo.',
    'call.voicemail': (p, f) => (p.phone ? `Haloo, waa ${p.school}. Fadlan nagu soo wac ${f.phone(p.phone)}.` : `Haloo, waa ${p.school}. Fadlan wac xafiiska iskuulka.`),
  },
};
