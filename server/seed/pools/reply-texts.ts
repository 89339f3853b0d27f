import type { Topic } from './inbound-texts';
import type { Locale } from './names';

// What agents, bots and automations answer, and what agents note to each other. `{{name}}`
// is the contact's first name, `{{agent}}` the replying agent's, `{{order}}` an order number
// and `{{mention}}` an @mention (filled in by the story, not left for the app).

export const AGENT_REPLIES: Record<Locale, Record<Topic, readonly string[]>> = {
	en: {
		order: ["Hi {{name}}, I'm checking with the warehouse now.", 'Your order #{{order}} ships today, tracking follows by e-mail.'],
		billing: ['Sorry about that {{name}}, I refunded the duplicate charge.', 'Here is your invoice, let me know if anything is missing.'],
		bug: ['Thanks for reporting! Could you tell me which app version you use?', "Our team is on it, I'll update you as soon as it's fixed."],
		sales: ['Happy to help {{name}}! Teams of 20+ get 15% off.', 'Sure, when would suit you for a 15-minute call?'],
		general: ['Hi {{name}}, {{agent}} here. How can I help?', 'We are open 9–18 on weekdays and 10–14 on Saturdays.']
	},
	es: {
		order: ['Hola {{name}}, lo reviso con el almacén.', 'Tu pedido #{{order}} sale hoy, te llegará el seguimiento por e-mail.'],
		billing: ['Perdona {{name}}, ya hemos devuelto el cargo duplicado.', 'Aquí tienes la factura.'],
		bug: ['¡Gracias por avisar! ¿Qué versión de la app usas?', 'El equipo ya está en ello, te aviso cuando esté resuelto.'],
		sales: ['¡Claro {{name}}! Los equipos de más de 20 tienen un 15 % de descuento.', '¿Cuándo te viene bien una llamada?'],
		general: ['Hola {{name}}, soy {{agent}}. ¿En qué te ayudo?', 'Abrimos de lunes a viernes de 9 a 18.']
	},
	pt: {
		order: ['Oi {{name}}, vou verificar com o estoque.', 'Seu pedido #{{order}} sai hoje, o rastreio chega por e-mail.'],
		billing: ['Desculpe {{name}}, já estornamos a cobrança duplicada.', 'Segue a nota fiscal.'],
		bug: ['Obrigado por avisar! Qual versão do app você usa?', 'O time já está olhando, te aviso quando resolver.'],
		sales: ['Claro {{name}}! Equipes acima de 20 pessoas têm 15% de desconto.', 'Quando fica bom para uma ligação rápida?'],
		general: ['Oi {{name}}, aqui é {{agent}}. Como posso ajudar?', 'Atendemos de segunda a sexta, das 9h às 18h.']
	},
	de: {
		order: ['Hallo {{name}}, ich frage im Lager nach.', 'Deine Bestellung #{{order}} geht heute raus, die Sendungsnummer kommt per E-Mail.'],
		billing: ['Entschuldige {{name}}, die doppelte Abbuchung ist erstattet.', 'Anbei die Rechnung.'],
		bug: ['Danke für den Hinweis! Welche App-Version nutzt du?', 'Das Team ist dran, ich melde mich, sobald es behoben ist.'],
		sales: ['Gern {{name}}! Teams ab 20 Personen bekommen 15 % Rabatt.', 'Wann passt dir ein kurzer Anruf?'],
		general: ['Hallo {{name}}, hier ist {{agent}}. Wie kann ich helfen?', 'Wir sind Mo–Fr von 9 bis 18 Uhr da.']
	},
	fr: {
		order: ["Bonjour {{name}}, je vérifie avec l'entrepôt.", "Votre commande #{{order}} part aujourd'hui, le suivi arrive par e-mail."],
		billing: ['Désolé {{name}}, le prélèvement en double est remboursé.', 'Voici votre facture.'],
		bug: ['Merci du signalement ! Quelle version de l’appli utilisez-vous ?', "L'équipe s'en occupe, je reviens vers vous dès que c'est corrigé."],
		sales: ['Avec plaisir {{name}} ! Les équipes de 20+ ont 15 % de remise.', 'Quand seriez-vous disponible pour un appel ?'],
		general: ['Bonjour {{name}}, ici {{agent}}. Comment puis-je aider ?', 'Nous sommes ouverts du lundi au vendredi, 9h–18h.']
	}
};

/** First answer of the web chat bot, before a human takes over. */
export const BOT_GREETINGS: Record<Locale, string> = {
	en: "Hi! I'm the Switchboard assistant. An agent will join shortly.",
	es: '¡Hola! Soy el asistente de Switchboard. Enseguida te atiende una persona.',
	pt: 'Oi! Sou o assistente da Switchboard. Um atendente já vai falar com você.',
	de: 'Hallo! Ich bin der Switchboard-Assistent. Gleich meldet sich jemand aus dem Team.',
	fr: "Bonjour ! Je suis l'assistant Switchboard. Un conseiller arrive tout de suite."
};

/** The automation's away message, sent outside opening hours. */
export const AWAY_MESSAGES: Record<Locale, string> = {
	en: "Thanks for your message! We're closed right now and will reply in the morning.",
	es: '¡Gracias por escribir! Ahora estamos cerrados, te respondemos por la mañana.',
	pt: 'Obrigado pela mensagem! Estamos fora do horário, respondemos pela manhã.',
	de: 'Danke für deine Nachricht! Wir sind gerade nicht da und antworten morgen früh.',
	fr: 'Merci pour votre message ! Nous sommes fermés, réponse demain matin.'
};

/** Internal notes between agents; the team writes English. */
export const COMMENTS: readonly string[] = [
	'{{mention}} can you take this one? I am out tomorrow.',
	'{{mention}} this is the customer from last week, same issue again.',
	'Refund approved, {{mention}} please confirm in the billing tool.',
	'Escalated to engineering, ticket ENG-{{order}}.',
	'Big account, handle with care.',
	'{{mention}} FYI they asked for a call on Friday.',
	'Waiting for the warehouse to confirm.'
];
