import { describe, expect, it } from 'vitest';
import {
  availableActions,
  describeState,
  isDefaultSite,
  patternMatches,
  permissionCheckOrigin,
  recordingState,
  siteOfUrl,
  type RecordingInputs,
} from './state';

const settings = { recordingPaused: false, pausedSites: [] as string[], recordInPrivate: false };
const base: RecordingInputs = { site: 'example.com', permission: true, incognito: false, settings };

describe('recordingState', () => {
  it('is on when enabled, not private, not paused and not full', () => {
    expect(recordingState(base)).toBe('on');
  });

  it('is not-enabled without the host permission, whatever else holds', () => {
    expect(recordingState({ ...base, permission: false, incognito: true, settings: { ...settings, recordingPaused: true } })).toBe('not-enabled');
  });

  it('is private in a private window unless the user opted in', () => {
    expect(recordingState({ ...base, incognito: true })).toBe('private');
    expect(recordingState({ ...base, incognito: true, settings: { ...settings, recordInPrivate: true } })).toBe('on');
  });

  it('reports a global pause before a site pause', () => {
    const both = { ...settings, recordingPaused: true, pausedSites: ['example.com'] };
    expect(recordingState({ ...base, settings: both })).toBe('paused');
    expect(recordingState({ ...base, settings: { ...both, recordingPaused: false } })).toBe('site-paused');
  });

  it('pauses only the listed site', () => {
    expect(recordingState({ ...base, settings: { ...settings, pausedSites: ['other.org'] } })).toBe('on');
  });

  it('reports a full store last', () => {
    expect(recordingState({ ...base, storeFull: true })).toBe('store-full');
    expect(recordingState({ ...base, storeFull: true, settings: { ...settings, pausedSites: ['example.com'] } })).toBe('site-paused');
  });

  it('is unsupported on non-web pages', () => {
    expect(recordingState({ ...base, site: null })).toBe('unsupported');
  });

  it('has a sentence for every state', () => {
    for (const s of ['on', 'not-enabled', 'private', 'paused', 'site-paused', 'store-full', 'unsupported'] as const) {
      expect(describeState(s, 'example.com').length).toBeGreaterThan(10);
    }
    expect(describeState('site-paused', 'example.com')).toContain('example.com');
  });
});

describe('URL helpers', () => {
  it('names sites as the background does', () => {
    expect(siteOfUrl('https://www.Example.com/watch?v=1')).toBe('example.com');
    expect(siteOfUrl('http://localhost:5178/')).toBe('localhost:5178');
    expect(siteOfUrl('chrome://extensions')).toBeNull();
    expect(siteOfUrl(undefined)).toBeNull();
  });

  it('checks the permission the background checks', () => {
    expect(permissionCheckOrigin('https://www.example.com:8443/a')).toBe('https://www.example.com/*');
  });

  it('matches host patterns', () => {
    expect(patternMatches('*://*.youtube.com/*', 'https://www.youtube.com/watch')).toBe(true);
    expect(patternMatches('*://*.youtube.com/*', 'https://youtube.com/')).toBe(true);
    expect(patternMatches('*://*.youtube.com/*', 'https://notyoutube.com/')).toBe(false);
    expect(patternMatches('http://localhost/*', 'http://localhost:5178/x')).toBe(true);
    expect(patternMatches('http://localhost/*', 'https://localhost/x')).toBe(false);
  });

  it('knows the default sites', () => {
    expect(isDefaultSite('https://www.netflix.com/browse')).toBe(true);
    expect(isDefaultSite('http://127.0.0.1:8080/')).toBe(true);
    expect(isDefaultSite('https://jellyfin.home.arpa/')).toBe(false);
  });
});

describe('availableActions', () => {
  it('offers enable only without permission', () => {
    const a = availableActions({ ...base, permission: false, url: 'https://example.com/' });
    expect(a).toEqual({ enable: true, disable: false, pauseSite: false, pauseAll: true });
  });

  it('offers disable for granted non-default sites only', () => {
    expect(availableActions({ ...base, url: 'https://example.com/' }).disable).toBe(true);
    expect(availableActions({ ...base, site: 'youtube.com', url: 'https://www.youtube.com/' }).disable).toBe(false);
  });

  it('offers only the global pause on non-web pages', () => {
    expect(availableActions({ ...base, site: null, permission: false, url: null })).toEqual({
      enable: false,
      disable: false,
      pauseSite: false,
      pauseAll: true,
    });
  });
});
