#include "BuildInfo.h"

// scripts/package writes BuildVersion.h (not in git) from git for its build, then removes it; a plain
// `swift build` needs no generated file and no git, and says it is a development build.
#if __has_include("BuildVersion.h")
#include "BuildVersion.h"
#else
#define PDTUI_VERSION "0.0.0-dev"
#define PDTUI_COMMIT "unknown"
#endif

const char *pdtui_build_version(void) { return PDTUI_VERSION; }
const char *pdtui_build_commit(void) { return PDTUI_COMMIT; }
