export * from './ids.ts';
export * from './actor.ts';
export * from './contact.ts';
export * from './message.ts';
export * from './event.ts';
export * from './segment.ts';
export * from './workspace.ts';
export * from './channel-api.ts';
