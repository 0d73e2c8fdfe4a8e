/** The engine worker: model, profile and ranking, exposed to its host over Comlink. */
import * as Comlink from 'comlink';
import { openStore, type TastefulDB } from '../store/db';
import { useDiagnosticStore } from '../store/diagnostics';
import { createEngine } from './engine';

// Handled failures inside the worker (an unreadable embedding cache) go to the local diagnostic log.
let diagnosticStore: Promise<TastefulDB | null> | null = null;
useDiagnosticStore(() => (diagnosticStore ??= openStore().catch(() => null)));

Comlink.expose(createEngine());
