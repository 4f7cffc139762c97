export * from './entities';
export * from './views';
export * from './errors';
export * from './schemas';
export * from './api';
export * from './labels';
export * from './staff';
export * from './nominations';
