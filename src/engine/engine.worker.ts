/** The engine worker: model, profile and ranking, exposed to its host over Comlink. */
import * as Comlink from 'comlink';
import { createEngine } from './engine';

Comlink.expose(createEngine());
