import { fmt, plural } from './format';
import type { LanguagePack } from './types';

// Romanian with the polite dumneavoastră forms. The child's name follows "despre" or "copilul (Ioana)"
// so it never needs the genitive ("lui Amir" / "Ioanei"); abbreviated dates end in a dot ("vin. 15
// ian."), so a sentence that ends with one gets no second full stop (f.stop).
const change = 'Pentru a o schimba, răspundeți SCHIMBARE.';
const every = (weeks: number) => (weeks === 1 ? 'în fiecare săptămână de școală' : `la fiecare ${weeks} săptămâni de școală`);
const scale = 'Răspundeți de la 1 (deloc) la 5 (foarte mult).';
/** 1 club, 2-19 cluburi, 20+ de cluburi. */
const counted = (n: number, one: string, other: string) => (n === 1 ? one : `${n} ${plural('ro', n) === 'other' ? 'de ' : ''}${other}`);

const SURVEY = {
  listened: (c: string) => `cât de mult simțiți că vă ascultăm când vorbim despre ${c}?`,
  informed: (c: string) => `cât de bine vă ținem la curent despre cum învață ${c}?`,
  expectations: (c: string) => `cât de mult simțiți că ne așteptăm la ce e mai bun de la ${c}?`,
  engage: (c: string) => `cât de mult simțiți că puteți ajuta ca ${c} să învețe?`,
  trust: (c: string) => `cât de mult aveți încredere că sprijinim bine copilul (${c})?`,
};

export const ro: LanguagePack = {
  language: 'ro',
  locale: 'ro',
  dates: {
    when: (dt) => `${fmt(dt, 'ccc d LLL')} ${fmt(dt, 'H:mm')}`,
    day: (dt) => fmt(dt, 'ccc d LLL'),
    spoken: (dt) => `${fmt(dt, 'cccc d MMMM')}, la ora ${fmt(dt, 'H:mm')}`,
  },
  areaWords: {
    ENGLISH: 'citit-scris',
    MATHS: 'matematică',
    ATTENDANCE: 'prezența zilnică',
    BEHAVIOUR: 'purtarea în clasă',
    BULLYING: 'siguranța la școală',
    RELATIONSHIPS: 'prieteniile',
    PARTICIPATION: 'participarea la cluburi',
    OTHER: 'alte obiective',
  },
  subjectWords: { reading: 'citit', writing: 'scris', maths: 'matematică' },
  separator: ', ',
  fullStop: '.',
  reply: { stop: 'STOP', start: 'START', change: 'SCHIMBARE', updates: 'ACTUALIZARI', default: 'IMPLICIT', text: 'SMS' },
  keys: { hash: 'tasta diez', star: 'tasta stea' },
  goodNews: {
    everyDay: (c) => `De la ultima vacanță, ${c} a venit la școală în fiecare zi.`,
    better: (c) => `${c} vine mai des la școală.`,
    rewards: (c, n) => `De la ultima vacanță, ${c} a primit ${counted(n, 'o recompensă', 'recompense')}.`,
    clubs: (c, n) => `${c} participă la ${counted(n, 'un club', 'cluburi')}.`,
    learning: (c, subjects) => `${c} face progrese bune la ${subjects}.`,
  },
  texts: {
    'booking.offer': (p, f) => `${p.school}: întâlnirea despre ${p.child}. Răspundeți: ${f.list(p.slots.map((s, i) => `${i + 1} ${f.when(s)}`))}, 0 altă oră.`,
    'booking.confirmed': (p, f) => `${p.school}: mulțumim. Întâlnirea despre ${p.child} este programată: ${f.when(p.at)}. ${change}`,
    'booking.takenByOther': (p, f) => `${p.school}: întâlnirea despre ${p.child} a fost programată de celălalt părinte sau îngrijitor: ${f.when(p.at)}. ${change}`,
    'booking.alreadyBooked': (p, f) => `${p.school}: această alegere nu mai este valabilă. Întâlnirea despre ${p.child} este programată: ${f.when(p.at)}. ${change}`,
    'booking.offerClosed': (p) => `${p.school}: această alegere nu mai este valabilă. Profesorul vă va trimite curând alte ore.`,
    'booking.invalidChoice': (p) => `${p.school}: ne pare rău, nu am înțeles. Vă rugăm să răspundeți cu un număr de la 1 la ${p.count} sau 0 pentru altă oră.`,
    'booking.declinedAck': (p) => `${p.school}: mulțumim. Profesorul vă va trimite alte ore.`,
    'booking.reminder': (p, f) => `${p.school}: vă reamintim de întâlnirea despre ${p.child}: ${f.when(p.at)}. ${change}`,
    'booking.moved': (p, f) => `${p.school}: a trebuit să mutăm întâlnirea despre ${p.child}. Noua oră: ${f.when(p.at)}. ${change}`,
    'booking.cancelled': (p) => `${p.school}: ne pare rău, a trebuit să anulăm întâlnirea despre ${p.child}. Profesorul vă va contacta.`,
    'booking.changeAck': (p) => `${p.school}: mulțumim. I-am spus profesorului, care vă va trimite alte ore.`,
    'targets.confirmed': (p, f) =>
      p.areas.length > 0
        ? [
            `${p.school}: vă mulțumim pentru întâlnirea despre ${p.child}. Împreună vom lucra la: ${f.areas(p.areas)}. Vom vedea cum merge până pe ${f.stop(f.day(p.nextReview))} Ne puteți răspunde oricând.`,
            `${p.school}: mulțumim pentru întâlnire. Obiective pentru ${p.child}: ${f.areas(p.areas)}. Revedem până pe ${f.stop(f.day(p.nextReview))}`,
          ]
        : `${p.school}: vă mulțumim pentru întâlnirea despre ${p.child}. Vom vedea cum merge până pe ${f.stop(f.day(p.nextReview))} Ne puteți răspunde oricând.`,
    'progress.update': (p, f) =>
      ([['Lucrăm în continuare la', 'Cum merge acasă? Ne puteți răspunde.'], ['Lucrăm la', 'Cum merge acasă?']] as const).map(([working, ask]) =>
        [
          `${p.school}: vești despre ${p.child}.`,
          ...f.goodNews(p.goodNews ?? [], p.child),
          p.achieved.length > 0 ? `Obiectiv atins: ${f.areas(p.achieved)}.` : '',
          p.workingOn.length > 0 ? `${working}: ${f.areas(p.workingOn)}.` : '',
          ask,
        ]
          .filter(Boolean)
          .join(' '),
      ) as [string, string],
    'reply.actioned': (p) => `${p.school}: vă mulțumim pentru mesajul despre ${p.child}. Ce am făcut: ${p.action}`,
    'teacher.message': (p) => `${p.school}, mesaj de la profesor despre ${p.child}: ${p.text}`,
    'school.message': (p) => `${p.school}, răspuns la mesajul dumneavoastră: ${p.text}`,
    'reply.received': (p) => `${p.school}: mulțumim. Am transmis mesajul despre ${p.child} profesorului.`,
    'confidence.check': (p) => `${p.school}: în ce măsură credeți că școala înțelege nevoile copilului (${p.child})? Răspundeți de la 1 (deloc) la 5 (pe deplin).`,
    'confidence.thanks': (p) => `${p.school}: vă mulțumim pentru răspuns.`,
    'which.child': (p, f) => `${p.school}: despre ce copil este vorba? Răspundeți ${f.list(p.children.map((c, i) => `${i + 1} pentru ${c}`))}.`,
    'which.school': (p, f) => `Despre ce școală este vorba? Răspundeți ${f.list(p.schools.map((s, i) => `${i + 1} pentru ${s}`))}.`,
    'updates.changed': (p) => `${p.school}: mulțumim. Veți primi vești despre progresul copilului ${every(p.weeks)}${p.own ? '' : ' (ritmul obișnuit al școlii)'}.`,
    'updates.current': (p) => [
      `${p.school}: primiți vești despre progresul copilului ${every(p.weeks)}${p.own ? '' : ' (ritmul obișnuit al școlii)'}. Pentru a schimba, răspundeți ACTUALIZARI și un număr de la ${p.min} la ${p.max}${p.own ? ' sau ACTUALIZARI IMPLICIT pentru ritmul școlii' : ''}.`,
      `${p.school}: primiți vești ${every(p.weeks)}${p.own ? '' : ' (ritmul școlii)'}. Pentru a schimba: ACTUALIZARI și un număr de la ${p.min} la ${p.max}${p.own ? ' sau ACTUALIZARI IMPLICIT (ritmul școlii)' : ''}.`,
    ],
    'updates.invalid': (p) =>
      `${p.school}: ne pare rău, putem trimite vești o dată la ${p.min} până la ${p.max} săptămâni de școală. Răspundeți ACTUALIZARI și un număr de la ${p.min} la ${p.max}, de exemplu ACTUALIZARI 2.`,
    help: (p) =>
      `${p.school} vă trimite mesaje despre învățătura copilului. ${p.phone ? `Telefonul școlii: ${p.phone}.` : 'Contactați secretariatul școlii.'} Pentru a alege cât de des primiți vești: ACTUALIZARI. Pentru a opri mesajele: STOP.`,
    'stop.confirmed': (p) => `${p.school}: nu veți mai primi mesaje de la noi. Răspundeți START pentru a le primi din nou.`,
    'start.confirmed': (p) => `${p.school}: bine ați revenit. Veți primi din nou mesaje de la noi. Răspundeți STOP pentru a le opri.`,
    'unknown.number': () => 'Vă mulțumim pentru mesaj. Acest număr trimite mesaje din partea unei școli și nu vă recunoaște numărul. Vă rugăm să contactați direct școala.',
    'page.link': (p) => `${p.school}: vedeți ce am stabilit pentru ${p.child} și trimiteți-ne părerea dumneavoastră: ${p.link}`,
    'views.invite': (p, f) => [
      `${p.school}: întâlnirea despre ${p.child}: ${f.when(p.at)}. Despre ce ați dori să vorbim? Spuneți-ne aici ${p.link} sau răspundeți la acest mesaj.`,
      `${p.school}: întâlnirea despre ${p.child}: ${f.when(p.at)}. Despre ce ați dori să vorbim? ${p.link}`,
    ],
    'plan.ready': (p) => `${p.school}: planul stabilit pentru ${p.child}, cu ce puteți face acasă, este aici: ${p.link}`,
    'page.code': (p) => `${p.school}: codul dumneavoastră este ${p.code}. Este valabil 10 minute. Nu îl spuneți nimănui.`,
    'survey.question': (p) => `${p.school} (${p.position}/${p.of}): ${SURVEY[p.aim](p.child)} ${scale}`,
    'survey.thanks': (p) => `Vă mulțumim. Răspunsurile dumneavoastră ajută școala ${p.school} să facă mai mult pentru ${p.child}.`,
    'channel.call': (p) => `De acum, ${p.school} vă va suna în loc să vă trimită mesaje. Răspundeți SMS pentru a reveni la mesaje.`,
    'channel.text': (p) => `De acum, ${p.school} vă va trimite mesaje.`,
    'call.intro': (p) => `Bună ziua. Acesta este un mesaj de la ${p.school} despre ${p.child}.`,
    'call.repeat': (p, f) => `Pentru a asculta din nou mesajul, apăsați ${f.key(p.key)}.`,
    'call.leaveMessage': (p, f) => `Pentru a lăsa un mesaj pentru profesor, apăsați ${f.key(p.key)}.`,
    'call.record': () => 'Vă rugăm să vorbiți după semnal. Aveți două minute. Când ați terminat, apăsați tasta diez.',
    'call.recorded': () => 'Vă mulțumim. Am transmis mesajul dumneavoastră profesorului.',
    'call.stop': (p, f) => `Pentru a opri apelurile și mesajele de la școală, apăsați ${f.key(p.key)}.`,
    'call.stopped': (p) => `Nu veți mai primi apeluri sau mesaje de la ${p.school}. La revedere.`,
    'call.option': (p, f) => `Pentru ${f.spokenWhen(p.at)}, apăsați ${f.key(p.key)}.`,
    'call.otherTime': (p, f) => `Dacă niciuna dintre aceste ore nu vă convine, apăsați ${f.key(p.key)}.`,
    'call.confidence': () => 'În ce măsură credeți că școala înțelege nevoile copilului? Apăsați un număr de la 1, deloc, la 5, pe deplin.',
    'call.invalidKey': () => 'Ne pare rău, această tastă nu este una dintre opțiuni.',
    'call.goodbye': () => 'Vă mulțumim. La revedere.',
    'call.voicemail': (p, f) =>
      p.phone ? `Bună ziua, aici ${p.school}. Vă rugăm să ne sunați înapoi la ${f.phone(p.phone)}.` : `Bună ziua, aici ${p.school}. Vă rugăm să sunați la secretariatul școlii.`,
  },
};
