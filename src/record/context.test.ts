import { describe, expect, it } from 'vitest';
import { EventContext } from '../store/records';
import { deviceClass, makeContext, siteOf, type DeviceEnv } from './context';

const desktop: DeviceEnv = {
  userAgent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36',
  uaMobile: false,
  coarsePointer: false,
  screenShort: 1080,
  screenLong: 1920,
};

describe('deviceClass', () => {
  it('reads a desktop', () => {
    expect(deviceClass(desktop)).toBe('desktop');
  });
  it('reads a phone from userAgentData.mobile and a small screen', () => {
    expect(deviceClass({ ...desktop, uaMobile: true, coarsePointer: true, screenShort: 390, screenLong: 844 })).toBe('phone');
  });
  it('reads a phone from the UA alone', () => {
    const ua = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148';
    expect(deviceClass({ ...desktop, userAgent: ua, uaMobile: null, screenShort: 390 })).toBe('phone');
  });
  it('reads an Android tablet and an iPad pretending to be a Mac', () => {
    const tab = 'Mozilla/5.0 (Linux; Android 13; SM-X700) AppleWebKit/537.36 Chrome/126.0 Safari/537.36';
    expect(deviceClass({ ...desktop, userAgent: tab, coarsePointer: true, screenShort: 800 })).toBe('tablet');
    const ipad = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 Version/17.0 Safari/605.1.15';
    expect(deviceClass({ ...desktop, userAgent: ipad, coarsePointer: true, screenShort: 820 })).toBe('tablet');
  });
  it('reads TVs from UA hints', () => {
    for (const ua of [
      'Mozilla/5.0 (SMART-TV; Linux; Tizen 6.0) AppleWebKit/537.36 SamsungBrowser/4.0 TV Safari/537.36',
      'Mozilla/5.0 (Web0S; Linux/SmartTV) AppleWebKit/537.36 Chrome/79.0 Safari/537.36 WebAppManager',
      'Mozilla/5.0 (Linux; Android 9; BRAVIA 4K GB) AppleWebKit/537.36 Chrome/120.0 Safari/537.36',
    ]) {
      expect(deviceClass({ ...desktop, userAgent: ua, coarsePointer: true })).toBe('tv');
    }
  });
  it('a touch screen without UA hints is a phone or tablet by size', () => {
    expect(deviceClass({ ...desktop, coarsePointer: true, screenShort: 360 })).toBe('phone');
    expect(deviceClass({ ...desktop, coarsePointer: true, screenShort: 768 })).toBe('tablet');
  });
});

describe('siteOf / makeContext', () => {
  it('drops a leading www. and keeps the port', () => {
    expect(siteOf(new URL('https://www.YouTube.com/watch?v=x'))).toBe('youtube.com');
    expect(siteOf(new URL('http://localhost:5178/'))).toBe('localhost:5178');
    expect(siteOf(new URL('https://m.www.example.org/'))).toBe('m.www.example.org');
  });
  it('builds a context the message schema accepts, in local time', () => {
    const at = new Date(2024, 4, 17, 21, 30).getTime(); // a Friday, 21:30 local
    const ctx = makeContext(at, 'desktop', 'localhost:5178');
    expect(ctx).toEqual({ hour: 21, weekday: 5, device: 'desktop', site: 'localhost:5178' });
    expect(EventContext.safeParse(ctx).success).toBe(true);
  });
});
