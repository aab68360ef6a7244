#include "BuildInfo.h"

// scripts/package defines these (-Xcc -DPDTUI_VERSION=... -Xcc -DPDTUI_COMMIT=...) from git; a plain
// `swift build` needs no generated file and no git, and says it is a development build.
#ifndef PDTUI_VERSION
#define PDTUI_VERSION "0.0.0-dev"
#endif
#ifndef PDTUI_COMMIT
#define PDTUI_COMMIT "unknown"
#endif

const char *pdtui_build_version(void) { return PDTUI_VERSION; }
const char *pdtui_build_commit(void) { return PDTUI_COMMIT; }
