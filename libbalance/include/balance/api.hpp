// BALANCE_API marks what libbalance exports. The library is built with hidden visibility
// (-fvisibility=hidden, -fvisibility-inlines-hidden), so only declarations marked BALANCE_API are
// visible to programs linking the shared library; everything else, including the third-party code
// compiled into it, stays internal and cannot clash with a program's own copy. Mark free functions
// and global variables defined in a .cpp on the declaration. Mark a class on the class itself when
// it has out-of-line members, virtual members, or is thrown or caught across the library boundary:
// that also exports its typeinfo and vtable, without which a program's catch or dynamic_cast would
// not match the library's type. Inline functions and templates defined in headers need nothing.
#pragma once

#if defined(__GNUC__) || defined(__clang__)
#define BALANCE_API __attribute__((visibility("default")))
#else
#define BALANCE_API
#endif
