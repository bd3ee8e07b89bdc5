import express from 'express';
import client from 'prom-client';
import { catalog } from './routes/catalog.js';

const app = express();
client.collectDefaultMetrics();

app.get('/healthz', (_req, res) => res.send('ok'));
app.get('/ready', (_req, res) => res.send('ready'));
app.get('/metrics', async (_req, res) => {
  res.set('Content-Type', client.register.contentType);
  res.end(await client.register.metrics());
});
app.use('/catalog', catalog);

app.listen(3000);
