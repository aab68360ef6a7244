// The helpers every suite of this target uses, in scope in each file.
@_exported import PDTUITestSupport
