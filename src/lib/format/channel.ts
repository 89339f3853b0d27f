import type { ChannelType } from '$shared/schemas/index.ts';

export const CHANNEL_LABELS: Record<ChannelType, string> = {
	whatsapp: 'WhatsApp',
	messenger: 'Messenger',
	instagram: 'Instagram',
	telegram: 'Telegram',
	sms: 'SMS',
	email: 'Email',
	webchat: 'Web chat'
};
