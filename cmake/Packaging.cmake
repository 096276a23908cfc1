# Debian packages with CPack DEB: loket-server, loket-kiosk, loket-display, and loket-central for
# the province (docs/packaging.md).
# `./loket package` builds them from build/release; tests/package checks them.
#
# Layout: programs in /usr/bin, the server's files in /usr/share/loket, configuration in
# /etc/loket (conffiles), state in /var/lib/loket, systemd units in /lib/systemd/system (Debian
# 12's place for packaged units), maintainer scripts made from packaging/common/*.in.

set(LOKET_PACKAGE_MAINTAINER "Loket maintainers <loket@example.org>"
    CACHE STRING "Maintainer field of the Debian packages (Name <address>)")

set(loket_pkg_src ${CMAKE_SOURCE_DIR}/packaging)
set(loket_pkg_gen ${CMAKE_BINARY_DIR}/packaging)
# Where the packages put the server's files; queue-server falls back to it (queue-server/main.cpp).
set(loket_pkg_datadir /usr/share/loket)

# The packages' changelog, compressed as Debian policy asks (gzip -9n: no name, no timestamp).
file(MAKE_DIRECTORY ${loket_pkg_gen})
execute_process(COMMAND gzip -9nc ${loket_pkg_src}/common/changelog
                OUTPUT_FILE ${loket_pkg_gen}/changelog.gz COMMAND_ERROR_IS_FATAL ANY)
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${loket_pkg_src}/common/changelog)

# loket_install_manual(PAGE COMPONENT): packaging/man/PAGE, compressed the same way, into
# /usr/share/man/man1.
function(loket_install_manual page component)
  execute_process(COMMAND gzip -9nc ${loket_pkg_src}/man/${page}
                  OUTPUT_FILE ${loket_pkg_gen}/${page}.gz COMMAND_ERROR_IS_FATAL ANY)
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${loket_pkg_src}/man/${page})
  install(FILES ${loket_pkg_gen}/${page}.gz DESTINATION share/man/man1 COMPONENT ${component})
endfunction()

# loket_package_component(COMPONENT PACKAGE UNIT USER HOME CONFIG GECOS INSTALL_ACTION
#                         UPGRADE_ACTION PURGE_COMMAND PURGE_NOTE [EXTRA_GROUPS groups...]):
# the maintainer scripts and conffiles list of one package, and its documentation folder.
function(loket_package_component component package)
  cmake_parse_arguments(PARSE_ARGV 2 arg ""
    "UNIT;USER;HOME;CONFIG;GECOS;INSTALL_ACTION;UPGRADE_ACTION;PURGE_COMMAND;PURGE_NOTE"
    "EXTRA_GROUPS;CONFFILES")
  set(PACKAGE ${package})
  set(UNIT ${arg_UNIT})
  set(USER ${arg_USER})
  set(HOME ${arg_HOME})
  set(CONFIG ${arg_CONFIG})
  set(GECOS ${arg_GECOS})
  set(INSTALL_ACTION ${arg_INSTALL_ACTION})
  set(UPGRADE_ACTION ${arg_UPGRADE_ACTION})
  set(PURGE_COMMAND ${arg_PURGE_COMMAND})
  set(PURGE_NOTE ${arg_PURGE_NOTE})
  list(JOIN arg_EXTRA_GROUPS " " EXTRA_GROUPS)
  set(out ${loket_pkg_gen}/${component})
  foreach(script postinst prerm postrm)
    configure_file(${loket_pkg_src}/common/${script}.in ${out}/${script} @ONLY
      FILE_PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE
                       WORLD_READ WORLD_EXECUTE)
  endforeach()
  list(JOIN arg_CONFFILES "\n" conffiles)
  file(WRITE ${out}/conffiles "${conffiles}\n")
  string(TOUPPER ${component} upper)
  set(CPACK_DEBIAN_${upper}_PACKAGE_CONTROL_EXTRA
      "${out}/postinst;${out}/prerm;${out}/postrm;${out}/conffiles" PARENT_SCOPE)
  set(CPACK_DEBIAN_${upper}_PACKAGE_NAME ${package} PARENT_SCOPE)
  install(FILES ${loket_pkg_src}/common/copyright ${loket_pkg_gen}/changelog.gz
                ${CMAKE_SOURCE_DIR}/docs/packaging.md
          DESTINATION share/doc/${package} COMPONENT ${component})
  install(FILES ${loket_pkg_src}/${component}/${arg_UNIT} DESTINATION /lib/systemd/system
          COMPONENT ${component})
endfunction()

# loket_install_program(TARGET NAME COMPONENT): the target's binary as /usr/bin/NAME, stripped
# (install(PROGRAMS) renames but, unlike install(TARGETS), does not strip), linked with BIND_NOW.
function(loket_install_program target name component)
  # Full RELRO, as Debian's hardening flags give (lintian's hardening-no-bindnow): a link
  # option of the three programs only, so no object of the tree is rebuilt for it.
  target_link_options(${target} PRIVATE LINKER:-z,relro,-z,now)
  install(PROGRAMS $<TARGET_FILE:${target}> DESTINATION bin RENAME ${name} COMPONENT ${component})
  install(CODE "execute_process(COMMAND \"${CMAKE_STRIP}\" --strip-unneeded
                  --remove-section=.comment --remove-section=.note
                  \"\$ENV{DESTDIR}\${CMAKE_INSTALL_PREFIX}/bin/${name}\" COMMAND_ERROR_IS_FATAL ANY)"
          COMPONENT ${component})
endfunction()

# --- loket-server ------------------------------------------------------------------------------
loket_install_program(queue-server queue-server server)
loket_install_manual(queue-server.1 server)
install(DIRECTORY ${CMAKE_SOURCE_DIR}/assets/catalog/ DESTINATION share/loket/catalog
        COMPONENT server FILES_MATCHING PATTERN "*.json" PATTERN sources EXCLUDE)
install(DIRECTORY ${CMAKE_SOURCE_DIR}/assets/web/ DESTINATION share/loket/web COMPONENT server)
install(FILES ${CMAKE_SOURCE_DIR}/assets/openapi.json DESTINATION share/loket COMPONENT server)
# Shipping to the province's central PostgreSQL: installed, started only once configured.
install(FILES ${loket_pkg_src}/server/loket-sync.service DESTINATION /lib/systemd/system
        COMPONENT server)
install(FILES ${CMAKE_SOURCE_DIR}/assets/office.example.toml DESTINATION /etc/loket
        RENAME office.toml COMPONENT server)
loket_package_component(server loket-server
  UNIT loket-server.service USER loket HOME /var/lib/loket CONFIG /etc/loket/office.toml
  GECOS "Loket queue-server"
  INSTALL_ACTION start UPGRADE_ACTION restart
  PURGE_NOTE "The office's database stays: it holds its records (docs/packaging.md)."
  PURGE_COMMAND "echo 'loket-server: /var/lib/loket (the database) is kept; remove it by hand if it is no longer needed' >&2"
  EXTRA_GROUPS lp
  CONFFILES /etc/loket/office.toml)
set(CPACK_DEBIAN_SERVER_PACKAGE_DEPENDS "adduser, libjs-chart.js")
set(CPACK_DEBIAN_SERVER_DESCRIPTION
    "Loket queue-server for permit offices
The one process that owns the queue of a Loket front office (DPMPTSP / PTSP /
Mal Pelayanan Publik): tickets, counters, the staff console in the browser,
the live event stream for kiosks and waiting-room displays, on SQLite.
Runs as the system user loket from loket-server.service.")

set(loket_components server)

# --- loket-central (the province) --------------------------------------------------------------
# The dashboard over the central PostgreSQL (docs/scale.md). Enabled, not started: the database
# and its dashboard role come first (/etc/loket/central.env says how). PostgreSQL itself is
# recommended, not required: it may run on another machine.
loket_install_program(loket-central loket-central central)
loket_install_manual(loket-central.1 central)
install(DIRECTORY ${CMAKE_SOURCE_DIR}/assets/central/ DESTINATION share/loket/central
        COMPONENT central)
install(FILES ${loket_pkg_src}/central/central.env DESTINATION /etc/loket COMPONENT central)
loket_package_component(central loket-central
  UNIT loket-central.service USER loket-central HOME /var/lib/loket-central
  CONFIG /etc/loket/central.env GECOS "Loket central dashboard"
  INSTALL_ACTION none UPGRADE_ACTION try-restart
  PURGE_NOTE "The central database is PostgreSQL's, not the package's."
  PURGE_COMMAND "rm -rf /var/lib/loket-central"
  CONFFILES /etc/loket/central.env)
set(CPACK_DEBIAN_CENTRAL_PACKAGE_DEPENDS "adduser, libjs-chart.js")
set(CPACK_DEBIAN_CENTRAL_PACKAGE_RECOMMENDS "postgresql-15")
set(CPACK_DEBIAN_CENTRAL_DESCRIPTION
    "Loket central dashboard for a province's permit offices
The province's side of Loket: sets up the central PostgreSQL that every
office's queue-server ships its event log to, registers offices and province
accounts, and serves the province dashboard over HTTPS (every office's today,
monthly figures, the survey index, CSV and XLSX exports) from
loket-central.service.")
list(APPEND loket_components central)

# --- loket-kiosk and loket-display -------------------------------------------------------------
# Each starts its app full-screen on boot in a cage kiosk session (packaging/<app>/*.service).
# Beyond the libraries dpkg-shlibdeps finds: cage and Xwayland (Debian 12's cage does not
# start without it, yet does not depend on it), logind's PAM module and D-Bus for the session's
# seat, Mesa's drivers (which neither cage nor SDL pull in, yet both render with),
# the Noto fonts the apps draw with, and espeak-ng's voices (Indonesian) for the display.
if(LOKET_GUI AND TARGET kiosk AND TARGET display)
  loket_install_program(kiosk loket-kiosk kiosk)
  loket_install_manual(loket-kiosk.1 kiosk)
  install(FILES ${CMAKE_SOURCE_DIR}/kiosk/kiosk.example.toml DESTINATION /etc/loket
          RENAME kiosk.toml COMPONENT kiosk)
  install(FILES ${loket_pkg_src}/kiosk/loket-kiosk.pam DESTINATION /etc/pam.d
          RENAME loket-kiosk COMPONENT kiosk)
  loket_package_component(kiosk loket-kiosk
    UNIT loket-kiosk.service USER loket-kiosk HOME /var/lib/loket-kiosk
    CONFIG /etc/loket/kiosk.toml GECOS "Loket kiosk session"
    INSTALL_ACTION none UPGRADE_ACTION try-restart
    PURGE_NOTE "The session user's home holds nothing of the office's."
    PURGE_COMMAND "rm -rf /var/lib/loket-kiosk"
    EXTRA_GROUPS lp
    CONFFILES /etc/loket/kiosk.toml /etc/pam.d/loket-kiosk)
  set(CPACK_DEBIAN_KIOSK_PACKAGE_DEPENDS
      "adduser, cage, xwayland, dbus, libpam-systemd, libgl1-mesa-dri, fonts-noto-core")
  set(CPACK_DEBIAN_KIOSK_DESCRIPTION
      "Loket touchscreen kiosk for permit offices
Permit information read from the office's SOPs and queue tickets, printed on
an ESC/POS ticket printer, for the lobby of a Loket front office. Starts on
boot full-screen in a cage Wayland kiosk session on tty1
(loket-kiosk.service); talks to the loket-server of the office.")

  loket_install_program(display loket-display display)
  loket_install_manual(loket-display.1 display)
  install(FILES ${CMAKE_SOURCE_DIR}/display/display.example.toml DESTINATION /etc/loket
          RENAME display.toml COMPONENT display)
  install(FILES ${loket_pkg_src}/display/loket-display.pam DESTINATION /etc/pam.d
          RENAME loket-display COMPONENT display)
  loket_package_component(display loket-display
    UNIT loket-display.service USER loket-display HOME /var/lib/loket-display
    CONFIG /etc/loket/display.toml GECOS "Loket display session"
    INSTALL_ACTION none UPGRADE_ACTION try-restart
    PURGE_NOTE "The session user's home holds nothing of the office's."
    PURGE_COMMAND "rm -rf /var/lib/loket-display"
    EXTRA_GROUPS audio
    CONFFILES /etc/loket/display.toml /etc/pam.d/loket-display)
  set(CPACK_DEBIAN_DISPLAY_PACKAGE_DEPENDS
      "adduser, cage, xwayland, dbus, libpam-systemd, libgl1-mesa-dri, fonts-noto-core, espeak-ng-data")
  set(CPACK_DEBIAN_DISPLAY_DESCRIPTION
      "Loket waiting-room display for permit offices
Shows every call of a Loket front office on the waiting-room screen and reads
it aloud in Indonesian with espeak-ng or recorded clips. Starts on boot
full-screen in a cage Wayland kiosk session on tty1 (loket-display.service);
talks to the loket-server of the office.")
  list(APPEND loket_components kiosk display)
endif()

# `cpack` installs the components without building first (./loket package and the package test
# build before): otherwise packaging would build every test too.
set(CMAKE_SKIP_INSTALL_ALL_DEPENDENCY TRUE)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME loket)
set(CPACK_PACKAGE_VENDOR "Loket")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT ${LOKET_PACKAGE_MAINTAINER})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Queue and kiosk system for Indonesian permit offices")
# Absolute destinations (/etc, /lib/systemd) go under the staging folder, never the build host.
set(CPACK_SET_DESTDIR ON)
set(CPACK_INSTALL_PREFIX /usr)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_COMPONENTS_ALL ${loket_components})
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER ${LOKET_PACKAGE_MAINTAINER})
set(CPACK_DEBIAN_PACKAGE_SECTION misc)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
# Library dependencies from the binaries (dpkg-shlibdeps), plus the Depends set above.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_DEBIAN_COMPRESSION_TYPE gzip)
set(CPACK_PACKAGE_DIRECTORY ${CMAKE_BINARY_DIR}/packages)
include(CPack)
