# Project-wide settings, carried by one INTERFACE target that every Coffer target links.
# No global add_definitions/include_directories: what a target needs, it links.

add_library(coffer_settings INTERFACE)
add_library(Coffer::settings ALIAS coffer_settings)

target_compile_features(coffer_settings INTERFACE cxx_std_20)
set(CMAKE_CXX_EXTENSIONS OFF)
set(CMAKE_POSITION_INDEPENDENT_CODE ON)

target_compile_options(coffer_settings INTERFACE
    -Wall -Wextra -Wpedantic -Wold-style-cast -Wnon-virtual-dtor -Wshadow=local
    $<$<BOOL:${COFFER_WERROR}>:-Werror>
    # Hardening (as KeePassXC does): stack protector always, FORTIFY where optimizing.
    -fstack-protector-strong
    $<$<NOT:$<CONFIG:Debug>>:-D_FORTIFY_SOURCE=3>)
if(CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    # clang spells -Wshadow=local differently.
    target_compile_options(coffer_settings INTERFACE -Wno-unknown-warning-option)
endif()
target_link_options(coffer_settings INTERFACE -Wl,-z,relro,-z,now)

target_compile_definitions(coffer_settings INTERFACE
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_TO_ASCII
    QT_NO_CONTEXTLESS_CONNECT
    QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
    QT_USE_QSTRINGBUILDER
    QT_NO_URL_CAST_FROM_STRING
    QT_DISABLE_DEPRECATED_UP_TO=0x060500
    COFFER_VERSION="${PROJECT_VERSION}"
    $<$<CONFIG:Debug>:_GLIBCXX_ASSERTIONS>)

if(COFFER_SANITIZE)
    target_compile_options(coffer_settings INTERFACE
        -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
    target_link_options(coffer_settings INTERFACE -fsanitize=address,undefined)
endif()

# One logging category per library (KIO style): coffer_add_logging_category(target name id)
# writes <name>.h/.cpp declaring and defining the category as coffer::<name>().
function(coffer_add_logging_category target function_name category)
    set(header "${CMAKE_CURRENT_BINARY_DIR}/logging/${function_name}.h")
    set(source "${CMAKE_CURRENT_BINARY_DIR}/logging/${function_name}.cpp")
    file(CONFIGURE OUTPUT "${header}" CONTENT
"#pragma once
#include <QLoggingCategory>
namespace coffer { Q_DECLARE_LOGGING_CATEGORY(${function_name}) }
")
    file(CONFIGURE OUTPUT "${source}" CONTENT
"#include \"${function_name}.h\"
namespace coffer { Q_LOGGING_CATEGORY(${function_name}, \"${category}\", QtInfoMsg) }
")
    target_sources(${target} PRIVATE "${source}")
    target_include_directories(${target} PUBLIC "${CMAKE_CURRENT_BINARY_DIR}/logging")
endfunction()

if(COFFER_FUZZ)
    # Coverage instrumentation for everything the fuzz targets link.
    target_compile_options(coffer_settings INTERFACE -fsanitize=fuzzer-no-link)
endif()
