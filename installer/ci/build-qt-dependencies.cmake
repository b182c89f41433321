# Builds extra-cmake-modules, KSyntaxHighlighting and QtKeychain from their release tags into
# $DEPS_PREFIX/install, for CI hosts without Debian's packages (Windows and macOS).
# Run with: cmake -P installer/ci/build-qt-dependencies.cmake
set(prefix "$ENV{DEPS_PREFIX}")
if(NOT prefix)
    message(FATAL_ERROR "Set DEPS_PREFIX to the directory the libraries should be built in.")
endif()

function(build_from_git name url tag)
    set(source "${prefix}/src/${name}")
    if(NOT EXISTS "${source}")
        execute_process(COMMAND git clone --depth 1 --branch ${tag} ${url} "${source}"
                        COMMAND_ERROR_IS_FATAL ANY)
    endif()
    execute_process(COMMAND ${CMAKE_COMMAND} -S "${source}" -B "${prefix}/build/${name}" -G Ninja
                            -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX=${prefix}/install
                            -DCMAKE_PREFIX_PATH=${prefix}/install -DBUILD_TESTING=OFF ${ARGN}
                    COMMAND_ERROR_IS_FATAL ANY)
    execute_process(COMMAND ${CMAKE_COMMAND} --build "${prefix}/build/${name}" --target install
                    COMMAND_ERROR_IS_FATAL ANY)
endfunction()

build_from_git(ecm https://invent.kde.org/frameworks/extra-cmake-modules.git $ENV{KF_VERSION})
build_from_git(syntax-highlighting https://invent.kde.org/frameworks/syntax-highlighting.git $ENV{KF_VERSION}
               -DBUILD_WITH_QT6=ON -DKSYNTAXHIGHLIGHTING_USE_GUI=ON)
build_from_git(qtkeychain https://github.com/frankosterfeld/qtkeychain.git $ENV{QTKEYCHAIN_VERSION}
               -DBUILD_WITH_QT6=ON -DBUILD_TRANSLATIONS=OFF)
