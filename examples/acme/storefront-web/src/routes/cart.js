import { Router } from 'express';

export const cart = Router();
cart.post('/', (_req, res) => res.status(201).end());
