// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { isAdPlaying, isAdSlot } from './ads';

function mediaIn(html: string): HTMLVideoElement {
  document.body.innerHTML = html;
  const v = document.querySelector('video');
  if (!v) throw new Error('no video in fixture');
  return v;
}

describe('ads in a player', () => {
  it.each([
    [
      'YouTube',
      '<div id="movie_player" class="html5-video-player ad-showing ad-interrupting"><div class="html5-video-container"><video></video></div></div>',
    ],
    ['video.js ads', '<div class="video-js vjs-ad-playing"><video class="vjs-tech"></video></div>'],
    ['JW Player', '<div class="jwplayer jw-flag-ads jw-flag-ads-googleima"><div class="jw-media"><video></video></div></div>'],
    ['camelCase state', '<div class="Player adPlaying"><video></video></div>'],
    ['is-ad', '<div class="player is-ad"><div><div><video></video></div></div></div>'],
  ])('%s: the player says it shows an ad in its own element', (_name, html) => {
    const v = mediaIn(html);
    expect(isAdPlaying(v)).toBe(true);
    expect(isAdSlot(v)).toBe(false);
  });

  it.each([
    ['Google IMA', '<div class="player"><video id="content"></video><div class="ima-ad-container"><div><video></video></div></div></div>'],
    ['an ad container by id', '<div class="player"><div id="adContainer"><video></video></div></div>'],
    ['a pre-roll layer', '<div class="player"><div class="preroll"><video></video></div></div>'],
    ['an ad video by class', '<div class="player"><video class="video-ad"></video></div>'],
  ])("%s: the ad SDK's own media is an ad slot", (_name, html) => {
    document.body.innerHTML = html;
    const media = Array.from(document.querySelectorAll('video'));
    const ad = media.at(-1) as HTMLVideoElement;
    expect(isAdSlot(ad)).toBe(true);
    expect(isAdPlaying(ad)).toBe(true);
    // The content beside it is not in the slot.
    if (media.length > 1) expect(isAdSlot(media[0] as HTMLVideoElement)).toBe(false);
  });

  it.each([
    ['a player that can show ads', '<div class="player player-with-ads has-ads"><video></video></div>'],
    ['an ad-free plan', '<div class="player is-ad-free"><video></video></div>'],
    ['an ad that ended', '<div class="player ad-complete"><video></video></div>'],
    ['an ad-blocker notice', '<div class="adblock-notice"></div><div class="player"><video></video></div>'],
    ['words that contain "ad"', '<div class="thread-video loading head-player AdaptivePlayer download-video readPlayer badge"><video></video></div>'],
    ['a bare "ad" token', '<div class="ad"><div class="ads"><video></video></div></div>'],
  ])('%s: no ad', (_name, html) => {
    const v = mediaIn(html);
    expect(isAdPlaying(v)).toBe(false);
    expect(isAdSlot(v)).toBe(false);
  });

  it('sees a player root across a shadow root', () => {
    document.body.innerHTML = '<div class="video-js vjs-ad-playing"><video-player></video-player></div>';
    const host = document.querySelector('video-player') as HTMLElement;
    const root = host.attachShadow({ mode: 'open' });
    root.innerHTML = '<div><video></video></div>';
    expect(isAdPlaying(root.querySelector('video') as HTMLVideoElement)).toBe(true);
  });

  it('looks only so far up: a page-wide class far above the player is not the player', () => {
    const deep = `${'<div>'.repeat(14)}<video></video>${'</div>'.repeat(14)}`;
    const v = mediaIn(`<main class="ad-playing">${deep}</main>`);
    expect(isAdPlaying(v)).toBe(false);
  });
});
