// LinkedIn's reading of little text: escapes resolve, templates render, an unescaped reserved character cuts.
import { parseLittleText } from './little-text';

describe('parseLittleText', () => {
  it('resolves escapes and keeps everything when every reserved character is escaped', () => {
    expect(parseLittleText('a \\(b\\) \\#c \\@d \\\\ e')).toEqual({
      kept: 'a \\(b\\) \\#c \\@d \\\\ e',
      visible: 'a (b) #c @d \\ e',
    });
  });

  it('renders hashtag and mention templates', () => {
    expect(parseLittleText('{hashtag|\\#|news} by @[Ada](urn:li:person:abc)').visible).toBe('#news by Ada');
  });

  it('drops the text from the first unescaped reserved character', () => {
    expect(parseLittleText('Price (today) is low')).toEqual({ kept: 'Price ', visible: 'Price ' });
    expect(parseLittleText('#tag first')).toEqual({ kept: '', visible: '' });
  });
});
