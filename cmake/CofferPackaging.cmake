# CPack settings for every platform. The version comes from project(VERSION) only.
set(CPACK_PACKAGE_NAME coffer)
set(CPACK_PACKAGE_VENDOR "The Coffer developers")
set(CPACK_PACKAGE_CONTACT "The Coffer developers <coffer@users.noreply.github.com>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_DESCRIPTION
    "Coffer browses and manages buckets on Cloudflare R2, AWS S3, MinIO, Ceph RGW, Garage, "
    "Backblaze B2 and Wasabi, with resumable transfers, CORS and lifecycle editors, presigned "
    "links and a bundled local S3 server for offline work.")
set(CPACK_PACKAGE_HOMEPAGE_URL "${PROJECT_HOMEPAGE_URL}")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_INSTALL_DIRECTORY Coffer)
set(CPACK_PACKAGE_EXECUTABLES coffer Coffer)
set(CPACK_STRIP_FILES ON)

if(WIN32)
    set(CPACK_GENERATOR NSIS)
    set(CPACK_NSIS_DISPLAY_NAME Coffer)
    set(CPACK_NSIS_PACKAGE_NAME Coffer)
    set(CPACK_NSIS_MUI_ICON "${PROJECT_BINARY_DIR}/installer/coffer.ico")
    set(CPACK_NSIS_INSTALLED_ICON_NAME bin/coffer.exe)
    set(CPACK_NSIS_CREATE_ICONS_EXTRA
        "CreateShortCut '$SMPROGRAMS\\\\$STARTMENU_FOLDER\\\\Coffer.lnk' '$INSTDIR\\\\bin\\\\coffer.exe'")
    set(CPACK_NSIS_ENABLE_UNINSTALL_BEFORE_INSTALL ON)
elseif(APPLE)
    set(CPACK_GENERATOR DragNDrop)
    set(CPACK_DMG_VOLUME_NAME Coffer)
else()
    # DEB for the system's Qt (COFFER_DEPLOY_QT=OFF), TGZ for the relocatable bundle.
    if(COFFER_DEPLOY_QT)
        set(CPACK_GENERATOR TGZ)
        set(CPACK_PACKAGE_FILE_NAME "coffer-${PROJECT_VERSION}-linux-${CMAKE_SYSTEM_PROCESSOR}")
    else()
        set(CPACK_GENERATOR DEB)
    endif()
    set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
    set(CPACK_DEBIAN_PACKAGE_SECTION net)
    set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
    # Depends come from the binaries themselves (dpkg-shlibdeps), plus what is loaded at
    # run time rather than linked: the SVG icon plugin and a Secret Service for the keychain.
    set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
    set(CPACK_DEBIAN_PACKAGE_DEPENDS "qt6-svg-plugins, qt6-qpa-plugins")
    set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "gnome-keyring | kwalletmanager, qt6-translations-l10n")
endif()

include(CPack)
