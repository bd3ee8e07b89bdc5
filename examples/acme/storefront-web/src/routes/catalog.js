import { Router } from 'express';

export const catalog = Router();
catalog.get('/', (_req, res) => res.json([{ sku: 'mug-01', price: 12 }]));
