/** Model objects are built in two passes (create, then link), so construction needs writable copies of the readonly types. */
export type Mutable<T> = { -readonly [K in keyof T]: T[K] };
