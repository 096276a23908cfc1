# Every third-party dependency comes from a Debian package, found here once.
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)

pkg_check_modules(SQLITE3 REQUIRED IMPORTED_TARGET sqlite3)
pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium)
pkg_check_modules(CURL REQUIRED IMPORTED_TARGET libcurl)
# Debian's cpp-httplib is built with CPPHTTPLIB_OPENSSL_SUPPORT (its .pc file passes the
# define), so httplib::SSLServer is there; OpenSSL itself makes the self-signed certificate and
# checks the pinned fingerprint in loket_net (docs/https.md).
pkg_check_modules(HTTPLIB REQUIRED IMPORTED_TARGET cpp-httplib)
pkg_check_modules(OPENSSL REQUIRED IMPORTED_TARGET openssl)
pkg_check_modules(QRENCODE REQUIRED IMPORTED_TARGET libqrencode)
pkg_check_modules(STB REQUIRED IMPORTED_TARGET stb)
# The survey report as a spreadsheet (GET /api/v1/survey/report.xlsx).
pkg_check_modules(XLSXWRITER REQUIRED IMPORTED_TARGET xlsxwriter)
# The province's central PostgreSQL (docs/scale.md), reached through Debian's libpqxx.
pkg_check_modules(PQXX REQUIRED IMPORTED_TARGET libpqxx)
find_package(nlohmann_json 3.10 REQUIRED)
find_package(tomlplusplus 3 REQUIRED)
find_package(spdlog REQUIRED)
find_package(CLI11 REQUIRED)
find_package(SQLiteCpp REQUIRED)
# Voice (loket_voice): speech synthesis and WAV clips, outside LOKET_GUI so it builds and
# tests without SDL.
pkg_check_modules(ESPEAK REQUIRED IMPORTED_TARGET espeak-ng)
pkg_check_modules(SNDFILE REQUIRED IMPORTED_TARGET sndfile)
pkg_check_modules(SAMPLERATE REQUIRED IMPORTED_TARGET samplerate)

if(LOKET_GUI)
  pkg_check_modules(SDL2 REQUIRED IMPORTED_TARGET sdl2)
  pkg_check_modules(IMGUI REQUIRED IMPORTED_TARGET imgui)
  # Debian ships the SDL_Renderer backend only as source; compile it from there (docs/platform.md).
  set(IMGUI_BACKEND_DIR /usr/share/doc/libimgui-dev/examples/backends)
  if(NOT EXISTS ${IMGUI_BACKEND_DIR}/imgui_impl_sdlrenderer.cpp)
    message(FATAL_ERROR "libimgui-dev's imgui_impl_sdlrenderer.cpp not found in ${IMGUI_BACKEND_DIR}")
  endif()
endif()

find_package(GTest REQUIRED)
pkg_check_modules(ZBAR REQUIRED IMPORTED_TARGET zbar)
