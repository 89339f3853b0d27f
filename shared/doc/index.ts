export * from './names.ts';
export * from './report.ts';
export * from './read.ts';
export * from './registers.ts';
export * from './workspace-doc.ts';
export * from './index-doc.ts';
export * from './contact-doc.ts';
export * from './agent-doc.ts';
