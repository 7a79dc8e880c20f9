export type * from './model/document.js';
