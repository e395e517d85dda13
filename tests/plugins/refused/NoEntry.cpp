// Refused: a shared library without the entry point vaecf_plugin_register.
extern "C" int vaecf_not_an_entry_point() { return 42; }
