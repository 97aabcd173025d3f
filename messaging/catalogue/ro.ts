import type { LanguagePack } from './types';

const change = 'Pentru a o schimba, răspundeți SCHIMBARE.';
const every = (weeks: number) => (weeks === 1 ? 'în fiecare săptămână de școală' : `la fiecare ${weeks} săptămâni de școală`);

export const ro: LanguagePack = {
  language: 'RO',
  locale: 'ro',
  areaWords: {
    ENGLISH: 'citit și scris',
    MATHS: 'matematică',
    ATTENDANCE: 'venitul la școală în fiecare zi',
    BEHAVIOUR: 'înțelegerea bună în clasă',
    BULLYING: 'siguranța la școală',
    RELATIONSHIPS: 'prieteniile',
    PARTICIPATION: 'cluburi și activități',
    OTHER: 'alte obiective',
  },
  texts: {
    'booking.offer': (p, f) =>
      `${p.school}: vă rugăm să alegeți o oră pentru întâlnirea cu profesorul despre ${p.child}. Răspundeți ${f.list(p.slots.map((s, i) => `${i + 1} pentru ${f.when(s)}`))} sau 0 pentru altă oră.`,
    'booking.confirmed': (p, f) => `${p.school}: mulțumim. Întâlnirea despre ${p.child} este programată: ${f.when(p.at)}. ${change}`,
    'booking.takenByOther': (p, f) =>
      `${p.school}: întâlnirea despre ${p.child} a fost programată de celălalt părinte sau îngrijitor: ${f.when(p.at)}. ${change}`,
    'booking.alreadyBooked': (p, f) =>
      `${p.school}: această alegere nu mai este valabilă. Întâlnirea despre ${p.child} este programată: ${f.when(p.at)}. ${change}`,
    'booking.offerClosed': (p) => `${p.school}: această alegere nu mai este valabilă. Profesorul vă va trimite curând alte ore.`,
    'booking.invalidChoice': (p) =>
      `${p.school}: ne pare rău, nu am înțeles. Vă rugăm să răspundeți cu un număr de la 1 la ${p.count} sau 0 pentru altă oră.`,
    'booking.declinedAck': (p) => `${p.school}: mulțumim. Profesorul vă va trimite alte ore.`,
    'booking.reminder': (p, f) => `${p.school}: vă reamintim de întâlnirea despre ${p.child}: ${f.when(p.at)}. ${change}`,
    'booking.moved': (p, f) => `${p.school}: a trebuit să mutăm întâlnirea despre ${p.child}. Noua oră: ${f.when(p.at)}. ${change}`,
    'booking.cancelled': (p) => `${p.school}: ne pare rău, a trebuit să anulăm întâlnirea despre ${p.child}. Profesorul vă va contacta.`,
    'booking.changeAck': (p) => `${p.school}: mulțumim. I-am spus profesorului, care vă va trimite alte ore.`,
    'targets.confirmed': (p, f) =>
      p.areas.length > 0
        ? `${p.school}: vă mulțumim pentru întâlnirea despre ${p.child}. Am stabilit împreună să lucrăm la: ${f.areas(p.areas)}. Vom vedea cum merge până pe ${f.day(p.nextReview)}. Ne puteți răspunde oricând.`
        : `${p.school}: vă mulțumim pentru întâlnirea despre ${p.child}. Vom vedea cum merge până pe ${f.day(p.nextReview)}. Ne puteți răspunde oricând.`,
    'progress.update': (p, f) =>
      [
        `${p.school}: vești despre ${p.child}.`,
        p.achieved.length > 0 ? `Obiectiv atins: ${f.areas(p.achieved)}.` : '',
        p.workingOn.length > 0 ? `Lucrăm în continuare la: ${f.areas(p.workingOn)}.` : '',
        'Cum merge acasă? Ne puteți răspunde.',
      ]
        .filter(Boolean)
        .join(' '),
    'reply.actioned': (p) => `${p.school}: vă mulțumim pentru mesajul despre ${p.child}. Ce am făcut: ${p.action}`,
    'teacher.message': (p) => `${p.school}, mesaj de la profesor despre ${p.child}: ${p.text}`,
    'school.message': (p) => `${p.school}, răspuns la mesajul dumneavoastră: ${p.text}`,
    'reply.received': (p) => `${p.school}: mulțumim. Am transmis mesajul despre ${p.child} profesorului.`,
    'confidence.check': (p) =>
      `${p.school}: în ce măsură credeți că școala înțelege nevoile lui ${p.child}? Răspundeți de la 1 (deloc) la 5 (pe deplin).`,
    'confidence.thanks': (p) => `${p.school}: vă mulțumim pentru răspuns.`,
    'which.child': (p, f) => `${p.school}: despre ce copil este vorba? Răspundeți ${f.list(p.children.map((c, i) => `${i + 1} pentru ${c}`))}.`,
    'which.school': (p, f) => `Despre ce școală este vorba? Răspundeți ${f.list(p.schools.map((s, i) => `${i + 1} pentru ${s}`))}.`,
    'updates.changed': (p) => `${p.school}: mulțumim. Veți primi vești despre progresul copilului ${every(p.weeks)}${p.own ? '' : ' (ritmul obișnuit al școlii)'}.`,
    'updates.current': (p) =>
      `${p.school}: primiți vești despre progresul copilului ${every(p.weeks)}${p.own ? '' : ' (ritmul obișnuit al școlii)'}. Pentru a schimba, răspundeți ACTUALIZARI și un număr de la ${p.min} la ${p.max}${p.own ? ' sau ACTUALIZARI IMPLICIT pentru ritmul școlii' : ''}.`,
    'updates.invalid': (p) =>
      `${p.school}: ne pare rău, putem trimite vești o dată la ${p.min} până la ${p.max} săptămâni de școală. Răspundeți ACTUALIZARI și un număr de la ${p.min} la ${p.max}, de exemplu ACTUALIZARI 2.`,
    help: (p) =>
      `${p.school} vă trimite mesaje despre învățătura copilului dumneavoastră. ${p.phone ? `Pentru a vorbi cu școala, sunați la ${p.phone}.` : 'Pentru a vorbi cu școala, contactați secretariatul.'} Răspundeți ACTUALIZARI pentru a alege cât de des primiți vești. Răspundeți STOP pentru a opri mesajele.`,
    'stop.confirmed': (p) => `${p.school}: nu veți mai primi mesaje de la noi. Răspundeți START pentru a le primi din nou.`,
    'start.confirmed': (p) => `${p.school}: bine ați revenit. Veți primi din nou mesaje de la noi. Răspundeți STOP pentru a le opri.`,
    'unknown.number': () =>
      'Vă mulțumim pentru mesaj. Acest număr trimite mesaje din partea unei școli și nu vă recunoaște numărul. Vă rugăm să contactați direct școala.',
  },
};
