import type { Locale } from './names';

// What contacts write, by language and topic. The topic drives the rest of the story (a
// billing question gets the Billing tag and an answer about invoices), so the demo inbox
// reads like a real one instead of lorem ipsum.

export const TOPICS = ['order', 'billing', 'bug', 'sales', 'general'] as const;
export type Topic = (typeof TOPICS)[number];

export const OPENERS: Record<Locale, Record<Topic, readonly string[]>> = {
	en: {
		order: [
			'Hi, where is my order? It was supposed to arrive yesterday.',
			'Hello! I ordered a blue backpack last week and still have no tracking number.',
			'Can I change the delivery address for order #{{order}}?',
			'My package arrived damaged, what should I do?'
		],
		billing: [
			'I was charged twice this month, can you check?',
			'Could you send me an invoice with our company VAT number?',
			'How do I update the card on file?',
			'Why did my subscription price go up?'
		],
		bug: [
			'The app crashes every time I try to upload a photo.',
			"I can't log in, it says my password is wrong but I just reset it.",
			'Checkout page is stuck on loading since this morning.',
			'Notifications stopped working after the last update.'
		],
		sales: [
			'Do you offer discounts for teams of 20+?',
			"We're comparing tools, can someone walk me through pricing?",
			'Is there a free trial for the Pro plan?',
			'Hi! Do you ship to Canada?'
		],
		general: [
			'Hi there 👋',
			'What are your opening hours on weekends?',
			'Is anyone available to chat?',
			'Quick question about your return policy'
		]
	},
	es: {
		order: [
			'Hola, ¿dónde está mi pedido? Tenía que llegar ayer.',
			'Buenas, hice un pedido hace una semana y no tengo número de seguimiento.',
			'¿Puedo cambiar la dirección de entrega del pedido #{{order}}?',
			'El paquete llegó roto, ¿qué hago?'
		],
		billing: [
			'Me han cobrado dos veces este mes.',
			'¿Me podéis enviar la factura con el CIF de la empresa?',
			'¿Cómo cambio la tarjeta de pago?',
			'¿Por qué ha subido el precio de mi suscripción?'
		],
		bug: [
			'La app se cierra cuando intento subir una foto.',
			'No puedo entrar, dice que la contraseña es incorrecta.',
			'La página de pago se queda cargando.',
			'Desde la última actualización no me llegan notificaciones.'
		],
		sales: [
			'¿Tenéis descuentos para equipos grandes?',
			'Estamos comparando herramientas, ¿me explicáis los precios?',
			'¿Hay prueba gratuita del plan Pro?',
			'¿Hacéis envíos a México?'
		],
		general: ['Hola 👋', '¿Cuál es vuestro horario el fin de semana?', '¿Hay alguien disponible?', 'Una pregunta sobre devoluciones']
	},
	pt: {
		order: [
			'Olá, cadê meu pedido? Era para chegar ontem.',
			'Fiz um pedido semana passada e ainda não tenho o código de rastreio.',
			'Posso mudar o endereço de entrega do pedido #{{order}}?',
			'A encomenda chegou danificada, o que faço?'
		],
		billing: [
			'Fui cobrado duas vezes este mês.',
			'Podem emitir a nota fiscal com o CNPJ da empresa?',
			'Como troco o cartão cadastrado?',
			'Por que o valor da assinatura aumentou?'
		],
		bug: [
			'O app fecha sempre que tento enviar uma foto.',
			'Não consigo entrar, diz que a senha está errada.',
			'A página de pagamento fica carregando sem parar.',
			'As notificações pararam depois da atualização.'
		],
		sales: [
			'Vocês têm desconto para equipes?',
			'Estamos avaliando ferramentas, podem me explicar os planos?',
			'Tem teste grátis do plano Pro?',
			'Vocês entregam em Portugal?'
		],
		general: ['Oi 👋', 'Qual o horário de atendimento no fim de semana?', 'Tem alguém aí?', 'Dúvida sobre trocas e devoluções']
	},
	de: {
		order: [
			'Hallo, wo bleibt meine Bestellung? Sie sollte gestern kommen.',
			'Ich habe letzte Woche bestellt und noch keine Sendungsnummer.',
			'Kann ich die Lieferadresse für Bestellung #{{order}} ändern?',
			'Das Paket kam beschädigt an, was nun?'
		],
		billing: [
			'Mir wurde diesen Monat doppelt abgebucht.',
			'Könnt ihr mir eine Rechnung mit unserer USt-IdNr. schicken?',
			'Wie ändere ich die hinterlegte Karte?',
			'Warum ist mein Abo teurer geworden?'
		],
		bug: [
			'Die App stürzt beim Hochladen von Fotos ab.',
			'Ich kann mich nicht anmelden, obwohl ich das Passwort zurückgesetzt habe.',
			'Die Kasse lädt seit heute Morgen endlos.',
			'Seit dem Update bekomme ich keine Benachrichtigungen mehr.'
		],
		sales: [
			'Gibt es Rabatte für Teams?',
			'Wir vergleichen gerade Tools, könnt ihr mir die Preise erklären?',
			'Gibt es eine kostenlose Testphase für Pro?',
			'Liefert ihr auch in die Schweiz?'
		],
		general: ['Hallo 👋', 'Habt ihr am Wochenende geöffnet?', 'Ist jemand da?', 'Kurze Frage zur Rücksendung']
	},
	fr: {
		order: [
			'Bonjour, où en est ma commande ? Elle devait arriver hier.',
			"J'ai commandé la semaine dernière et je n'ai pas de numéro de suivi.",
			"Puis-je changer l'adresse de livraison de la commande #{{order}} ?",
			'Le colis est arrivé abîmé, que faire ?'
		],
		billing: [
			"J'ai été débité deux fois ce mois-ci.",
			'Pouvez-vous m’envoyer une facture avec notre numéro de TVA ?',
			'Comment changer la carte enregistrée ?',
			'Pourquoi le prix de mon abonnement a augmenté ?'
		],
		bug: [
			"L'appli plante quand j'envoie une photo.",
			'Impossible de me connecter, le mot de passe serait faux.',
			'La page de paiement charge dans le vide.',
			'Je ne reçois plus de notifications depuis la mise à jour.'
		],
		sales: [
			'Avez-vous des remises pour les équipes ?',
			'Nous comparons des outils, pouvez-vous me présenter vos tarifs ?',
			'Y a-t-il un essai gratuit du plan Pro ?',
			'Livrez-vous en Belgique ?'
		],
		general: ['Bonjour 👋', 'Quels sont vos horaires le week-end ?', "Quelqu'un est disponible ?", 'Une question sur les retours']
	}
};

export const FOLLOW_UPS: Record<Locale, readonly string[]> = {
	en: ['Any update?', 'Thanks, I just sent you a screenshot', 'Order number is #{{order}}', 'Still waiting…', 'ok', 'Sure, one sec', 'That would be great'],
	es: ['¿Alguna novedad?', 'Gracias, os mando una captura', 'El número de pedido es #{{order}}', 'Sigo esperando…', 'vale', 'Perfecto'],
	pt: ['Alguma novidade?', 'Obrigado, mandei um print', 'O número do pedido é #{{order}}', 'Ainda aguardando…', 'ok', 'Perfeito'],
	de: ['Gibt es Neuigkeiten?', 'Danke, ich habe einen Screenshot geschickt', 'Die Bestellnummer ist #{{order}}', 'Ich warte noch…', 'ok', 'Super'],
	fr: ['Des nouvelles ?', "Merci, je vous envoie une capture d'écran", 'Le numéro de commande est #{{order}}', "J'attends toujours…", "d'accord", 'Parfait']
};

export const CLOSERS: Record<Locale, readonly string[]> = {
	en: ['Thank you so much!', 'Perfect, thanks 🙏', 'Great, that worked', 'Thanks, have a nice day'],
	es: ['¡Muchas gracias!', 'Perfecto, gracias 🙏', 'Genial, ya funciona'],
	pt: ['Muito obrigado!', 'Perfeito, valeu 🙏', 'Show, funcionou'],
	de: ['Vielen Dank!', 'Perfekt, danke 🙏', 'Super, hat geklappt'],
	fr: ['Merci beaucoup !', 'Parfait, merci 🙏', 'Super, ça marche']
};
