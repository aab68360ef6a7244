#ifndef PDTUI_BUILD_INFO_H
#define PDTUI_BUILD_INFO_H
// The version and commit pdtui was built from.
const char *pdtui_build_version(void);
const char *pdtui_build_commit(void);
#endif
