import { conjunction, fmt } from './format';
import type { LanguagePack } from './types';

// Spanish with "usted". Spanish verbs do not give the child a gender; adjectives would, so the
// texts avoid them ("la seguridad en el colegio", not "sentirse seguro").
const change = 'Para cambiarla, responda CAMBIAR.';
const every = (weeks: number) => (weeks === 1 ? 'cada semana de clase' : `cada ${weeks} semanas de clase`);
const scale = 'Responda del 1 (nada) al 5 (mucho).';

const SURVEY = {
  listened: (c: string) => `¿hasta qué punto siente que le escuchamos sobre ${c}?`,
  informed: (c: string) => `¿hasta qué punto le informamos sobre el aprendizaje de ${c}?`,
  expectations: (c: string) => `¿hasta qué punto siente que esperamos lo mejor de ${c}?`,
  engage: (c: string) => `¿hasta qué punto se siente capaz de ayudar en el aprendizaje de ${c}?`,
  trust: (c: string) => `¿hasta qué punto confía en que apoyamos bien a ${c}?`,
};

export const es: LanguagePack = {
  language: 'es',
  locale: 'es',
  dates: {
    when: (dt) => `${fmt(dt, 'ccc d LLL')} ${fmt(dt, 'H:mm')}`,
    day: (dt) => fmt(dt, 'ccc d LLL'),
    spoken: (dt) => `${fmt(dt, "cccc d 'de' MMMM")}, a las ${fmt(dt, 'H:mm')}`,
  },
  areaWords: {
    ENGLISH: 'lectura y escritura',
    MATHS: 'matemáticas',
    ATTENDANCE: 'asistencia diaria',
    BEHAVIOUR: 'conducta en clase',
    BULLYING: 'seguridad escolar',
    RELATIONSHIPS: 'amistades',
    PARTICIPATION: 'participar en clubes',
    OTHER: 'otros objetivos',
  },
  subjectWords: { reading: 'lectura', writing: 'escritura', maths: 'matemáticas' },
  // "lectura y escritura, así como matemáticas": never "lectura y escritura y matemáticas".
  join: conjunction('y', ', así como '),
  separator: ', ',
  fullStop: '.',
  reply: { stop: 'STOP', start: 'START', change: 'CAMBIAR', updates: 'NOTICIAS', default: 'NORMAL', text: 'SMS' },
  keys: { hash: 'la tecla almohadilla', star: 'la tecla asterisco' },
  goodNews: {
    everyDay: (c) => `Desde las últimas vacaciones, ${c} ha venido al colegio todos los días.`,
    better: (c) => `${c} viene al colegio más a menudo.`,
    rewards: (c, k, n) => `Desde las últimas vacaciones, ${c} ha conseguido ${k === 1 ? 'un premio' : `${n} premios`}.`,
    clubs: (c, k, n) => `${c} participa en ${k === 1 ? 'un club' : `${n} clubes`}.`,
    learning: (c, subjects) => `${c} está progresando bien en ${subjects}.`,
  },
  texts: {
    'booking.offer': (p, f) => `${p.school}: reunión sobre ${p.child}. Responda: ${f.list(p.slots.map((s, i) => `${i + 1} ${f.when(s)}`))}, 0 otra hora.`,
    'booking.confirmed': (p, f) => `${p.school}: gracias. Su reunión sobre ${p.child} está reservada para el ${f.when(p.at)}. ${change}`,
    'booking.takenByOther': (p, f) => `${p.school}: otro padre, madre o tutor ha reservado la reunión sobre ${p.child} para el ${f.when(p.at)}. ${change}`,
    'booking.alreadyBooked': (p, f) => `${p.school}: esa opción ya no está disponible. La reunión sobre ${p.child} está reservada para el ${f.when(p.at)}. ${change}`,
    'booking.offerClosed': (p) => `${p.school}: esa opción ya no está disponible. El profesor de ${p.child} le enviará nuevas horas pronto.`,
    'booking.invalidChoice': (p) => `${p.school}: lo sentimos, no lo hemos entendido. Responda con un número del 1 al ${p.count}, o 0 para otra hora.`,
    'booking.declinedAck': (p) => `${p.school}: gracias. El profesor de ${p.child} le enviará otras horas.`,
    'booking.reminder': (p, f) => `${p.school}: le recordamos su reunión sobre ${p.child} el ${f.when(p.at)}. ${change}`,
    'booking.moved': (p, f) => `${p.school}: hemos tenido que cambiar la hora de su reunión sobre ${p.child}. Nueva hora: ${f.when(p.at)}. ${change}`,
    'booking.cancelled': (p) => `${p.school}: lo sentimos, hemos tenido que cancelar su reunión sobre ${p.child}. El profesor de ${p.child} se pondrá en contacto con usted.`,
    'booking.changeAck': (p) => `${p.school}: gracias. Hemos avisado al profesor de ${p.child}, que le enviará nuevas horas.`,
    'targets.confirmed': (p, f) =>
      p.areas.length > 0
        ? [
            `${p.school}: gracias por la reunión sobre ${p.child}. Juntos acordamos trabajar en: ${f.areas(p.areas)}. Veremos cómo va antes del ${f.day(p.nextReview)}. Puede responder cuando quiera.`,
            `${p.school}: gracias por la reunión. Objetivos para ${p.child}: ${f.areas(p.areas)}. Revisión antes del ${f.day(p.nextReview)}.`,
          ]
        : `${p.school}: gracias por reunirse con nosotros sobre ${p.child}. Veremos cómo va antes del ${f.day(p.nextReview)}. Puede responder cuando quiera.`,
    'progress.update': (p, f) =>
      ([['Seguimos trabajando en', '¿Qué tal en casa? Basta con responder.'], ['En curso', '¿Qué tal en casa?']] as const).map(([working, ask]) =>
        [
          `${p.school}: noticias sobre ${p.child}.`,
          ...f.goodNews(p.goodNews ?? [], p.child),
          p.achieved.length > 0 ? `Objetivo alcanzado: ${f.areas(p.achieved)}.` : '',
          p.workingOn.length > 0 ? `${working}: ${f.areas(p.workingOn)}.` : '',
          ask,
        ]
          .filter(Boolean)
          .join(' '),
      ) as [string, string],
    'reply.actioned': (p) => `${p.school}: gracias por su mensaje sobre ${p.child}. Lo que hemos hecho: ${p.action}`,
    'teacher.message': (p) => `${p.school}, del profesor de ${p.child}: ${p.text}`,
    'school.message': (p) => `${p.school}, respuesta a su mensaje: ${p.text}`,
    'reply.received': (p) => `${p.school}: gracias. Hemos pasado su mensaje al profesor de ${p.child}.`,
    'confidence.check': (p) => `${p.school}: ¿hasta qué punto cree que el colegio entiende las necesidades de ${p.child}? ${scale}`,
    'confidence.thanks': (p) => `${p.school}: gracias por su respuesta.`,
    'which.child': (p, f) => `${p.school}: ¿sobre qué niño o niña es el mensaje? Responda ${f.list(p.children.map((c, i) => `${i + 1} para ${c}`))}.`,
    'which.school': (p, f) => `¿Sobre qué colegio es el mensaje? Responda ${f.list(p.schools.map((s, i) => `${i + 1} para ${s}`))}.`,
    'updates.changed': (p) => `${p.school}: gracias. Recibirá noticias del progreso escolar ${every(p.weeks)}${p.own ? '' : ' (el ritmo habitual del colegio)'}.`,
    'updates.current': (p) => [
      `${p.school}: recibe noticias del progreso escolar ${every(p.weeks)}${p.own ? '' : ' (el ritmo habitual del colegio)'}. Para cambiarlo, responda NOTICIAS y un número del ${p.min} al ${p.max}${p.own ? ', o NOTICIAS NORMAL para volver al ritmo del colegio' : ''}.`,
      `${p.school}: recibe noticias ${every(p.weeks)}${p.own ? '' : ' (ritmo del colegio)'}. Para cambiarlo: NOTICIAS y un número del ${p.min} al ${p.max}${p.own ? ', o NOTICIAS NORMAL (ritmo del colegio)' : ''}.`,
    ],
    'updates.invalid': (p) =>
      `${p.school}: lo sentimos, podemos enviar noticias cada ${p.min} a ${p.max} semanas de clase. Responda NOTICIAS y un número del ${p.min} al ${p.max}, por ejemplo NOTICIAS 2.`,
    help: (p) =>
      `${p.school} envía mensajes sobre el aprendizaje escolar. ${p.phone ? `Teléfono del colegio: ${p.phone}.` : 'Contacte con la secretaría.'} Para elegir cada cuánto recibe noticias: NOTICIAS. Para no recibir más: STOP.`,
    'stop.confirmed': (p) => `${p.school}: no recibirá más mensajes nuestros. Responda START para volver a recibirlos.`,
    'start.confirmed': (p) => `${p.school}: volverá a recibir nuestros mensajes. Responda STOP para dejar de recibirlos.`,
    'unknown.number': () => 'Gracias por su mensaje. Este número envía mensajes de un colegio y no reconoce su número. Por favor, contacte directamente con el colegio.',
    'page.link': (p) => `${p.school}: vea lo que acordamos para ${p.child} y envíenos su opinión: ${p.link}`,
    'views.invite': (p, f) => [
      `${p.school}: su reunión sobre ${p.child} es el ${f.when(p.at)}. ¿De qué le gustaría hablar? Díganoslo aquí ${p.link} o responda a este mensaje.`,
      `${p.school}: su reunión sobre ${p.child} es el ${f.when(p.at)}. ¿De qué le gustaría hablar? ${p.link}`,
    ],
    'plan.ready': (p) => `${p.school}: el plan que acordamos para ${p.child}, con lo que puede hacer en casa, está aquí: ${p.link}`,
    'page.code': (p) => `${p.school}: su código es ${p.code}. Es válido durante 10 minutos. No lo comparta con nadie.`,
    'survey.question': (p) => `${p.school} (${p.position}/${p.of}): ${SURVEY[p.aim](p.child)} ${scale}`,
    'survey.thanks': (p) => `Gracias. Sus respuestas ayudan a ${p.school} a hacerlo mejor por ${p.child}.`,
    'channel.call': (p) => `A partir de ahora, ${p.school} le llamará en lugar de enviarle mensajes. Responda SMS para volver a los mensajes.`,
    'channel.text': (p) => `A partir de ahora, ${p.school} le enviará mensajes.`,
    'call.intro': (p) => `Hola. Este es un mensaje de ${p.school} sobre ${p.child}.`,
    'call.repeat': (p, f) => `Para escuchar este mensaje otra vez, pulse ${f.key(p.key)}.`,
    'call.leaveMessage': (p, f) => `Para dejar un mensaje al profesor de ${p.child}, pulse ${f.key(p.key)}.`,
    'call.record': () => 'Hable después de la señal. Tiene dos minutos. Cuando termine, pulse la tecla almohadilla.',
    'call.recorded': (p) => `Gracias. Hemos pasado su mensaje al profesor de ${p.child}.`,
    'call.stop': (p, f) => `Para dejar de recibir llamadas y mensajes del colegio, pulse ${f.key(p.key)}.`,
    'call.stopped': (p) => `No recibirá más llamadas ni mensajes de ${p.school}. Adiós.`,
    'call.option': (p, f) => `Para el ${f.spokenWhen(p.at)}, pulse ${f.key(p.key)}.`,
    'call.otherTime': (p, f) => `Si ninguna de estas horas le viene bien, pulse ${f.key(p.key)}.`,
    'call.confidence': (p) => `¿Hasta qué punto cree que el colegio entiende las necesidades de ${p.child}? Pulse un número del 1, nada, al 5, mucho.`,
    'call.invalidKey': () => 'Lo sentimos, esa tecla no es una de las opciones.',
    'call.goodbye': () => 'Gracias. Adiós.',
    'call.voicemail': (p, f) =>
      p.phone ? `Hola, le llamamos de ${p.school}. Por favor, devuélvanos la llamada al ${f.phone(p.phone)}.` : `Hola, le llamamos de ${p.school}. Por favor, llame a la secretaría del colegio.`,
  },
};
