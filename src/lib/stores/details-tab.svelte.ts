// Which tab of the details column is open. Kept for the page's life, not per contact: an agent
// working through comments stays on Activity as they move from contact to contact.

export type DetailsTab = 'details' | 'activity';

export const detailsTab = $state<{ current: DetailsTab }>({ current: 'details' });
