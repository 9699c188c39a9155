import { GraphError } from './errors';
import { parseFields, selectFields } from './params';

describe('Graph field lists', () => {
  it('keeps root names and ignores nested selections and modifiers', () => {
    expect(parseFields('id, caption,children{media_url,id},comments.limit(5)')).toEqual([
      'id',
      'caption',
      'children',
      'comments',
    ]);
    expect(parseFields(undefined)).toEqual([]);
  });

  it('selects the asked fields plus id and leaves undefined values out', () => {
    const node = { id: '1', username: 'a', name: undefined, followers_count: 3 };
    expect(selectFields(node, 'username,name', ['id', 'username', 'name'], 'ShadowIGUser')).toEqual({
      id: '1',
      username: 'a',
    });
    expect(selectFields(node, undefined, ['id', 'username'], 'ShadowIGUser')).toEqual({ id: '1' });
  });

  it('throws Graph error 100 naming the first unknown field and the node type', () => {
    let caught: unknown;
    try {
      selectFields({ id: '1' }, 'id,bogus', ['id'], 'ShadowIGMedia');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(GraphError);
    expect((caught as GraphError).fields).toEqual({
      message: '(#100) Tried accessing nonexisting field (bogus) on node type (ShadowIGMedia)',
      type: 'OAuthException',
      code: 100,
    });
  });
});
