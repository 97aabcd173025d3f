import { conjunction, fmt } from './format';
import type { LanguagePack } from './types';

// Portuguese that reads right in Portugal (most families) and Brazil: the formal third person
// without a pronoun ("Responda", "Pode responder"), words both use, and no adjective or pronoun
// that would give the parent or the child a gender.
const change = 'Para alterar, responda MUDAR.';
const every = (weeks: number) => (weeks === 1 ? 'todas as semanas de aulas' : `de ${weeks} em ${weeks} semanas de aulas`);
const scale = 'Responda de 1 (nada) a 5 (muito).';
const many = (n: number, one: string, other: string, count: string) => (n === 1 ? one : `${count} ${other}`);

const SURVEY = {
  listened: (c: string) => `até que ponto sente que ouvimos o que diz sobre ${c}?`,
  informed: (c: string) => `até que ponto recebe informação suficiente sobre a aprendizagem de ${c}?`,
  expectations: (c: string) => `até que ponto sente que esperamos o melhor de ${c}?`,
  engage: (c: string) => `até que ponto sente que pode ajudar na aprendizagem de ${c}?`,
  trust: (c: string) => `até que ponto confia que apoiamos bem ${c}?`,
};

export const pt: LanguagePack = {
  language: 'pt',
  // Intl's Brazilian Portuguese gives the short weekdays both countries write ("seg.", "ter."); pt-PT's are whole words.
  locale: 'pt',
  dates: {
    when: (dt) => `${fmt(dt, 'ccc d LLL')} ${fmt(dt, 'H:mm')}`,
    day: (dt) => fmt(dt, 'ccc d LLL'),
    spoken: (dt) => `${fmt(dt, 'cccc')}, ${fmt(dt, "d 'de' MMMM")}, às ${fmt(dt, 'H:mm')}`,
  },
  areaWords: {
    ENGLISH: 'leitura e escrita',
    MATHS: 'matemática',
    ATTENDANCE: 'assiduidade',
    BEHAVIOUR: 'comportamento na aula',
    BULLYING: 'segurança na escola',
    RELATIONSHIPS: 'amizades',
    PARTICIPATION: 'participação em clubes',
    OTHER: 'outros objetivos',
  },
  subjectWords: { reading: 'leitura', writing: 'escrita', maths: 'matemática' },
  // "leitura e escrita, bem como matemática": never "leitura e escrita e matemática".
  join: conjunction('e', ', bem como '),
  separator: ', ',
  fullStop: '.',
  reply: { stop: 'STOP', start: 'START', change: 'MUDAR', updates: 'NOVIDADES', default: 'PADRAO', text: 'SMS' },
  keys: { hash: 'a tecla cardinal', star: 'a tecla asterisco' },
  goodNews: {
    everyDay: (c) => `Desde as últimas férias, ${c} veio à escola todos os dias.`,
    better: (c) => `${c} tem vindo à escola com mais regularidade.`,
    rewards: (c, k, n) => `Desde as últimas férias, ${c} recebeu ${many(k, 'uma recompensa', 'recompensas', n)}.`,
    clubs: (c, k, n) => `${c} participa ${k === 1 ? 'num clube' : `em ${n} clubes`}.`,
    learning: (c, subjects) => `${c} tem feito bons progressos em ${subjects}.`,
  },
  texts: {
    'booking.offer': (p, f) => `${p.school}: reunião sobre ${p.child}. Responda: ${f.list(p.slots.map((s, i) => `${i + 1} ${f.when(s)}`))}, 0 outra hora.`,
    'booking.confirmed': (p, f) => `${p.school}: obrigado. A reunião sobre ${p.child} está marcada: ${f.when(p.at)}. ${change}`,
    'booking.takenByOther': (p, f) => `${p.school}: a reunião sobre ${p.child} foi marcada por outro responsável: ${f.when(p.at)}. ${change}`,
    'booking.alreadyBooked': (p, f) => `${p.school}: essa opção já não está disponível. A reunião sobre ${p.child} está marcada: ${f.when(p.at)}. ${change}`,
    'booking.offerClosed': (p) => `${p.school}: essa opção já não está disponível. O professor de ${p.child} vai enviar novas horas em breve.`,
    'booking.invalidChoice': (p) => `${p.school}: desculpe, não entendemos. Responda com um número de 1 a ${p.count}, ou 0 para outra hora.`,
    'booking.declinedAck': (p) => `${p.school}: obrigado. O professor de ${p.child} vai enviar outras horas.`,
    'booking.reminder': (p, f) => `${p.school}: lembrete da reunião sobre ${p.child}: ${f.when(p.at)}. ${change}`,
    'booking.moved': (p, f) => `${p.school}: tivemos de mudar a reunião sobre ${p.child}. Nova hora: ${f.when(p.at)}. ${change}`,
    'booking.cancelled': (p) => `${p.school}: lamentamos, tivemos de cancelar a reunião sobre ${p.child}. O professor de ${p.child} dará notícias em breve.`,
    'booking.changeAck': (p) => `${p.school}: obrigado. O professor de ${p.child} já foi avisado e vai enviar novas horas.`,
    'targets.confirmed': (p, f) =>
      p.areas.length > 0
        ? [
            `${p.school}: obrigado pela reunião sobre ${p.child}. Ficou combinado trabalhar em: ${f.areas(p.areas)}. Vamos rever o progresso até ${f.stop(f.day(p.nextReview))} Responda quando quiser.`,
            `${p.school}: obrigado pela reunião. Objetivos para ${p.child}: ${f.areas(p.areas)}. Revemos até ${f.stop(f.day(p.nextReview))}`,
          ]
        : `${p.school}: obrigado pela reunião sobre ${p.child}. Vamos rever o progresso até ${f.stop(f.day(p.nextReview))} Pode responder a qualquer momento.`,
    'progress.update': (p, f) =>
      (['E em casa, como vai? Basta responder.', 'E em casa, como vai?'] as const).map((ask) =>
        [
          `${p.school}: notícias sobre ${p.child}.`,
          ...f.goodNews(p.goodNews ?? [], p.child),
          p.achieved.length > 0 ? `Objetivo alcançado: ${f.areas(p.achieved)}.` : '',
          p.workingOn.length > 0 ? `Em curso: ${f.areas(p.workingOn)}.` : '',
          ask,
        ]
          .filter(Boolean)
          .join(' '),
      ) as [string, string],
    'reply.actioned': (p) => `${p.school}: obrigado pela mensagem sobre ${p.child}. O que fizemos: ${p.action}`,
    'teacher.message': (p) => `${p.school}, do professor de ${p.child}: ${p.text}`,
    'school.message': (p) => `${p.school}, resposta à sua mensagem: ${p.text}`,
    'reply.received': (p) => `${p.school}: obrigado. A sua mensagem foi enviada ao professor de ${p.child}.`,
    'confidence.check': (p) => `${p.school}: até que ponto confia que a escola compreende as necessidades de ${p.child}? ${scale}`,
    'confidence.thanks': (p) => `${p.school}: obrigado pela sua resposta.`,
    'which.child': (p, f) => `${p.school}: a mensagem é sobre que criança? Responda ${f.list(p.children.map((c, i) => `${i + 1} para ${c}`))}.`,
    'which.school': (p, f) => `A mensagem é sobre que escola? Responda ${f.list(p.schools.map((s, i) => `${i + 1} para ${s}`))}.`,
    'updates.changed': (p) => `${p.school}: obrigado. Vai receber notícias sobre o progresso ${every(p.weeks)}${p.own ? '' : ' (o ritmo habitual da escola)'}.`,
    'updates.current': (p) =>
      `${p.school}: recebe notícias sobre o progresso ${every(p.weeks)}${p.own ? '' : ' (o ritmo habitual da escola)'}. Para alterar, responda NOVIDADES e um número de ${p.min} a ${p.max}${p.own ? ', ou NOVIDADES PADRAO para o ritmo da escola' : ''}.`,
    'updates.invalid': (p) =>
      `${p.school}: desculpe, podemos enviar notícias a cada ${p.min} a ${p.max} semanas de aulas. Responda NOVIDADES e um número de ${p.min} a ${p.max}, por exemplo NOVIDADES 2.`,
    help: (p) =>
      `${p.school} envia mensagens sobre a aprendizagem da criança. ${p.phone ? `Telefone da escola: ${p.phone}.` : 'Fale com a secretaria da escola.'} Para escolher a frequência das notícias, responda NOVIDADES; para parar, STOP.`,
    'stop.confirmed': (p) => `${p.school}: não vai receber mais mensagens nossas. Responda START para voltar a recebê-las.`,
    'start.confirmed': (p) => `${p.school}: vai voltar a receber as nossas mensagens. Responda STOP para parar.`,
    'unknown.number': () => 'Obrigado pela sua mensagem. Este número envia mensagens de uma escola e não conhece o seu número. Por favor, fale diretamente com a escola.',
    'page.link': (p) => `${p.school}: veja o que ficou combinado para ${p.child} e dê-nos a sua opinião: ${p.link}`,
    'views.invite': (p, f) => [
      `${p.school}: reunião sobre ${p.child}: ${f.when(p.at)}. Sobre o que gostaria de falar? Diga-nos aqui ${p.link} ou responda a esta mensagem.`,
      `${p.school}: reunião sobre ${p.child}: ${f.when(p.at)}. Sobre o que gostaria de falar? ${p.link}`,
    ],
    'plan.ready': (p) => `${p.school}: o plano combinado para ${p.child}, com o que pode fazer em casa, está aqui: ${p.link}`,
    'page.code': (p) => `${p.school}: o seu código é ${p.code}. É válido durante 10 minutos. Não o mostre a ninguém.`,
    'survey.question': (p) => `${p.school} (${p.position}/${p.of}): ${SURVEY[p.aim](p.child)} ${scale}`,
    'survey.thanks': (p) => `Obrigado. As suas respostas ajudam a escola ${p.school} a fazer melhor por ${p.child}.`,
    'channel.call': (p) => `A partir de agora, ${p.school} vai telefonar em vez de enviar mensagens. Responda SMS para voltar às mensagens.`,
    'channel.text': (p) => `A partir de agora, ${p.school} vai enviar mensagens.`,
    'call.intro': (p) => `Olá. Esta é uma mensagem de ${p.school} sobre ${p.child}.`,
    'call.repeat': (p, f) => `Para ouvir esta mensagem outra vez, marque ${f.key(p.key)}.`,
    'call.leaveMessage': (p, f) => `Para deixar uma mensagem ao professor de ${p.child}, marque ${f.key(p.key)}.`,
    'call.record': () => 'Fale depois do sinal. Tem dois minutos. Quando terminar, marque a tecla cardinal.',
    'call.recorded': (p) => `Obrigado. A sua mensagem foi enviada ao professor de ${p.child}.`,
    'call.stop': (p, f) => `Para deixar de receber chamadas e mensagens da escola, marque ${f.key(p.key)}.`,
    'call.stopped': (p) => `Não vai receber mais chamadas nem mensagens de ${p.school}. Adeus.`,
    'call.option': (p, f) => `Para ${f.spokenWhen(p.at)}, marque ${f.key(p.key)}.`,
    'call.otherTime': (p, f) => `Se nenhuma destas horas lhe convier, marque ${f.key(p.key)}.`,
    'call.confidence': (p) => `Até que ponto confia que a escola compreende as necessidades de ${p.child}? Marque um número de 1, nada, a 5, muito.`,
    'call.invalidKey': () => 'Desculpe, essa tecla não é uma das opções.',
    'call.goodbye': () => 'Obrigado. Adeus.',
    'call.voicemail': (p, f) =>
      p.phone ? `Olá, fala ${p.school}. Por favor, ligue-nos de volta para o ${f.phone(p.phone)}.` : `Olá, fala ${p.school}. Por favor, ligue para a secretaria da escola.`,
  },
};
