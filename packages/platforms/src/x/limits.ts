// X facts the MCP server's input schemas share with the client: the page size of a timeline read.

/** Most posts one get_recent_posts page reads (the user timeline's max_results is at most 100). */
export const X_RECENT_POSTS_MAX_LIMIT = 100;
