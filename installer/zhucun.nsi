; The Windows installer for 驻村 (Zhucun): Zhucun-Setup-VERSION.exe, built by
;   makensis -DVERSION=0.1.0 -DSOURCE=dist/windows/zhucun -DOUTFILE=dist/windows/Zhucun-Setup-0.1.0.exe installer/zhucun.nsi
; (scripts/build.sh windows does it).
;   - for the user alone, without administrator rights (village laptops are often locked down):
;     into %LOCALAPPDATA%\Programs\Zhucun, the uninstaller registered under HKCU;
;   - Start-menu and desktop shortcuts named 驻村 open the window (zhucun-gui.exe);
;   - installing again upgrades in place: the same folder, the program's files replaced;
;   - the uninstaller removes the program's files only, never the data folder %APPDATA%\Zhucun
;     (the encrypted store, backups, batches) nor the settings;
;   - /S installs and uninstalls silently; /D=folder chooses the folder (last argument).

; A 64-bit installer (the program is x86-64 only): Unicode, and it runs where only 64-bit Wine is.
Target amd64-unicode
!include MUI2.nsh

!ifndef VERSION
  !error "makensis -DVERSION=x.y.z"
!endif
!ifndef SOURCE
  !define SOURCE "..\dist\windows\zhucun"
!endif
!ifndef OUTFILE
  !define OUTFILE "..\dist\windows\Zhucun-Setup-${VERSION}.exe"
!endif

!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\Zhucun"

Name "驻村 ${VERSION}"
OutFile "${OUTFILE}"
RequestExecutionLevel user
InstallDir "$LOCALAPPDATA\Programs\Zhucun"
InstallDirRegKey HKCU "${UNINSTALL_KEY}" "InstallLocation"
SetCompressor /SOLID lzma
ShowInstDetails nevershow
ShowUninstDetails nevershow
VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=0 "ProductName" "驻村 Zhucun"
VIAddVersionKey /LANG=0 "FileDescription" "驻村 安装程序"
VIAddVersionKey /LANG=0 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "LegalCopyright" "Zhucun"

!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\zhucun-gui.exe"
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "SimpChinese"
!insertmacro MUI_LANGUAGE "English"

LangString KEPT ${LANG_SIMPCHINESE} "数据文件夹 $APPDATA\Zhucun 已保留（加密数据、备份、批次文件）。"
LangString KEPT ${LANG_ENGLISH} "The data folder $APPDATA\Zhucun is kept (the encrypted store, backups, batches)."

Section "驻村"
  SetShellVarContext current
  SetOutPath "$INSTDIR"
  ; An upgrade: the previous version's libraries go, so none of them lingers beside the new ones.
  RMDir /r "$INSTDIR\_internal"
  File "${SOURCE}\zhucun.exe"
  File "${SOURCE}\zhucun-gui.exe"
  File /r "${SOURCE}\_internal"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateShortcut "$SMPROGRAMS\驻村.lnk" "$INSTDIR\zhucun-gui.exe" "" "$INSTDIR\zhucun-gui.exe" 0
  CreateShortcut "$DESKTOP\驻村.lnk" "$INSTDIR\zhucun-gui.exe" "" "$INSTDIR\zhucun-gui.exe" 0

  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "驻村 Zhucun"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "Zhucun"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\zhucun-gui.exe"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
SectionEnd

Section "Uninstall"
  SetShellVarContext current
  Delete "$SMPROGRAMS\驻村.lnk"
  Delete "$DESKTOP\驻村.lnk"
  ; The program's own files by name, never a recursive delete of $INSTDIR: whatever else is in
  ; the folder (and the data folder, wherever it is) stays.
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\zhucun.exe"
  Delete "$INSTDIR\zhucun-gui.exe"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
  DetailPrint "$(KEPT)"
SectionEnd
