; The HELP DESK installer for Windows, built with Debian's makensis and
; nothing downloaded (.ci/release-windows), for machines that cannot reach
; the plugin Tauri's own NSIS bundler fetches. It does what Tauri's does
; with tauri.conf.json's settings: a per-user install without administrator
; rights into %LOCALAPPDATA%\HELP DESK, in Ukrainian, the WebView2 Runtime
; installed by Microsoft's bootstrapper when it is missing, Start menu and
; desktop shortcuts, an entry in "Apps" to uninstall it. The same locations
; and uninstall key as Tauri's installer, so either replaces the other.
;
; makensis -DVERSION=0.1.0 -DAPP_EXE=…\helpdesk-desktop.exe
;          -DWEBVIEW2_LOADER=…\WebView2Loader.dll -DICON=…\icon.ico
;          -DOUTFILE=…\HELP_DESK_0.1.0_x64-setup.exe installer.nsi
; Silent install: `HELP_DESK_…-setup.exe /S`; uninstall: `uninstall.exe /S`.

Unicode true
Target amd64-unicode
ManifestDPIAware true
RequestExecutionLevel user
SetCompressor /SOLID lzma

!ifndef VERSION | APP_EXE | WEBVIEW2_LOADER | ICON | OUTFILE
  !error "give -DVERSION -DAPP_EXE -DWEBVIEW2_LOADER -DICON -DOUTFILE (see the head of this file)"
!endif

!define PRODUCT "HELP DESK"
!define PUBLISHER "State Customs Service of Ukraine"
!define IDENTIFIER "ua.gov.customs.helpdesk"
!define MAIN_EXE "helpdesk-desktop.exe"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${PRODUCT}"
!define PRODUCT_KEY "Software\${PUBLISHER}\${PRODUCT}"
; The WebView2 Runtime's client id in EdgeUpdate's registry.
!define WEBVIEW2_ID "{F3017226-FE2A-4295-8BDF-00C3A9A7E4C5}"
!define WEBVIEW2_BOOTSTRAPPER "https://go.microsoft.com/fwlink/p/?LinkId=2124703"

Name "${PRODUCT}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\${PRODUCT}"
InstallDirRegKey HKCU "${PRODUCT_KEY}" ""
Icon "${ICON}"
UninstallIcon "${ICON}"
BrandingText "${PUBLISHER}"
VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=1058 "ProductName" "${PRODUCT}"
VIAddVersionKey /LANG=1058 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=1058 "FileDescription" "${PRODUCT} — встановлення"
VIAddVersionKey /LANG=1058 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=1058 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=1058 "LegalCopyright" "EUPL-1.2"

!include "MUI2.nsh"
!include "LogicLib.nsh"

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_FINISHPAGE_RUN "$INSTDIR\${MAIN_EXE}"
!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "Ukrainian"

LangString webview2Downloading ${LANG_UKRAINIAN} "Завантаження WebView2…"
LangString webview2Installing ${LANG_UKRAINIAN} "Встановлення WebView2…"
LangString webview2Failed ${LANG_UKRAINIAN} "Не вдалося встановити WebView2 ($0): без нього HELP DESK не запуститься. Встановіть «Microsoft Edge WebView2 Runtime» і запустіть це встановлення знову."
LangString appRunning ${LANG_UKRAINIAN} "HELP DESK запущено: закрийте його (у треї — «Вийти») і натисніть «Повтор»."

; Whether the WebView2 Runtime is installed, for the machine or the user.
Function HasWebView2
  StrCpy $0 ""
  SetRegView 64
  ReadRegStr $0 HKLM "SOFTWARE\WOW6432Node\Microsoft\EdgeUpdate\Clients\${WEBVIEW2_ID}" "pv"
  ${If} $0 == ""
  ${OrIf} $0 == "0.0.0.0"
    ReadRegStr $0 HKCU "Software\Microsoft\EdgeUpdate\Clients\${WEBVIEW2_ID}" "pv"
  ${EndIf}
  ${If} $0 == "0.0.0.0"
    StrCpy $0 ""
  ${EndIf}
FunctionEnd

Function InstallWebView2
  Call HasWebView2
  ${If} $0 != ""
    DetailPrint "WebView2 $0"
    Return
  ${EndIf}
  DetailPrint "$(webview2Downloading)"
  StrCpy $1 "$TEMP\MicrosoftEdgeWebview2Setup.exe"
  Delete "$1"
  ; curl.exe is part of Windows 10 (1803) and later; PowerShell is the fallback.
  nsExec::ExecToLog '"$SYSDIR\curl.exe" --fail --silent --show-error --location --output "$1" "${WEBVIEW2_BOOTSTRAPPER}"'
  Pop $0
  ${IfNot} ${FileExists} "$1"
    nsExec::ExecToLog 'powershell.exe -NoProfile -NonInteractive -Command "[Net.ServicePointManager]::SecurityProtocol = [Net.SecurityProtocolType]::Tls12; Invoke-WebRequest -UseBasicParsing -Uri \"${WEBVIEW2_BOOTSTRAPPER}\" -OutFile \"$1\""'
    Pop $0
  ${EndIf}
  ${IfNot} ${FileExists} "$1"
    StrCpy $0 "download"
    MessageBox MB_ICONSTOP|MB_OK "$(webview2Failed)" /SD IDOK
    SetErrorLevel 2
    Abort
  ${EndIf}
  DetailPrint "$(webview2Installing)"
  ExecWait '"$1" /silent /install' $0
  Delete "$1"
  ${If} $0 != 0
    MessageBox MB_ICONSTOP|MB_OK "$(webview2Failed)" /SD IDOK
    SetErrorLevel 2
    Abort
  ${EndIf}
FunctionEnd

Section "HELP DESK" main
  SectionIn RO
  SetShellVarContext current
  ; WebView2 first: without it nothing is installed (exit code 2).
  Call InstallWebView2
  SetOutPath "$INSTDIR"
  ; The app may be running in the tray: its file cannot be replaced then.
  retry:
  ClearErrors
  File "/oname=${MAIN_EXE}" "${APP_EXE}"
  ${If} ${Errors}
    MessageBox MB_ICONEXCLAMATION|MB_RETRYCANCEL "$(appRunning)" /SD IDCANCEL IDRETRY retry
    SetErrorLevel 3
    Abort
  ${EndIf}
  File "${WEBVIEW2_LOADER}"

  WriteUninstaller "$INSTDIR\uninstall.exe"
  CreateDirectory "$SMPROGRAMS\${PRODUCT}"
  CreateShortCut "$SMPROGRAMS\${PRODUCT}\${PRODUCT}.lnk" "$INSTDIR\${MAIN_EXE}"
  CreateShortCut "$DESKTOP\${PRODUCT}.lnk" "$INSTDIR\${MAIN_EXE}"

  WriteRegStr HKCU "${PRODUCT_KEY}" "" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "${PRODUCT}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$\"$INSTDIR\${MAIN_EXE}$\""
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$\"$INSTDIR$\""
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" "$\"$INSTDIR\uninstall.exe$\""
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" "$\"$INSTDIR\uninstall.exe$\" /S"
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
  ; The sender of the app's notifications (the app registers it too, at start).
  WriteRegStr HKCU "Software\Classes\AppUserModelId\${IDENTIFIER}" "DisplayName" "${PRODUCT}"
SectionEnd

Section "Uninstall"
  SetShellVarContext current
  Delete "$INSTDIR\${MAIN_EXE}"
  Delete "$INSTDIR\WebView2Loader.dll"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  Delete "$SMPROGRAMS\${PRODUCT}\${PRODUCT}.lnk"
  RMDir "$SMPROGRAMS\${PRODUCT}"
  Delete "$DESKTOP\${PRODUCT}.lnk"
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
  DeleteRegKey HKCU "${PRODUCT_KEY}"
  DeleteRegKey /ifempty HKCU "Software\${PUBLISHER}"
  DeleteRegKey HKCU "Software\Classes\AppUserModelId\${IDENTIFIER}"
  ; The analyst's profile (%LOCALAPPDATA%\ua.gov.customs.helpdesk: replica,
  ; unsent actions) and the sign-in in the Credential Manager stay.
SectionEnd
