import { AppError } from '@socialvault/common';
import { validateCarouselSize, validateInstagramCaption, validateMediaUrl } from './limits';

describe('Instagram publishing limits', () => {
  it('accepts 2,200 characters counted as code points and refuses 2,201', () => {
    expect(() => validateInstagramCaption('😀'.repeat(2200))).not.toThrow();
    expect(() => validateInstagramCaption('a'.repeat(2201))).toThrow(
      'caption is 2201 characters; Instagram allows 2200',
    );
  });

  it('refuses more than 30 hashtags and more than 20 mentions', () => {
    expect(() => validateInstagramCaption(Array.from({ length: 31 }, (_, i) => `#t${i}`).join(' '))).toThrow(
      '31 hashtags',
    );
    expect(() => validateInstagramCaption(Array.from({ length: 21 }, (_, i) => `@u${i}`).join(' '))).toThrow(
      '21 @-mentions',
    );
    expect(() => validateInstagramCaption('#a #b @c email@example.com')).not.toThrow();
  });

  it('wants 2 to 10 carousel items and absolute http(s) media URLs', () => {
    expect(() => validateCarouselSize(1)).toThrow('a carousel needs 2 to 10 items, got 1');
    expect(() => validateCarouselSize(11)).toThrow('got 11');
    expect(() => validateCarouselSize(10)).not.toThrow();
    expect(() => validateMediaUrl('ftp://x/a.jpg', 'image_url')).toThrow(
      'image_url must be an absolute https URL',
    );
    expect(() => validateMediaUrl('/a.jpg', 'image_url')).toThrow(AppError);
    expect(() => validateMediaUrl('https://cdn.example/a.jpg', 'image_url')).not.toThrow();
  });
});
